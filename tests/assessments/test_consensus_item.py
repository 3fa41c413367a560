"""Recording one item's consensus, with evidence text, links and files (validated type and size)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import team_assessment
from tests.factories import Personas
from trellis.assessments.forms import MAX_EVIDENCE_BYTES
from trellis.assessments.models import Consensus, EvidenceFile

pytestmark = pytest.mark.django_db
ITEM = "collaboration.protected-time"


def _post(client: Client, **extra: object) -> object:
    url = reverse("assessments:consensus_item", args=[team_assessment().pk, ITEM])
    return client.post(
        url, {"rank": "3", "evidence": "Weekly PLC calendar", "next_steps": "Protect Friday time", **extra}
    )


def test_it_records_rating_evidence_links_and_a_file(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    pdf = SimpleUploadedFile("calendar.pdf", b"%PDF-1.4 minimal", content_type="application/pdf")
    response = _post(client, links="https://example.org/plc\nhttps://example.org/agenda", file=pdf)
    assert response.status_code == 302  # type: ignore[attr-defined]
    agreed = Consensus.objects.get(item_id=ITEM)
    assert (agreed.rank, agreed.evidence, agreed.link_list) == (
        3,
        "Weekly PLC calendar",
        ["https://example.org/plc", "https://example.org/agenda"],
    )
    stored = EvidenceFile.objects.get()
    assert (stored.name, stored.content_type) == ("calendar.pdf", "application/pdf")
    assert stored.file.read() == b"%PDF-1.4 minimal"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("script.exe", b"MZ...", "not accepted"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a real .pdf"),
        ("notes.txt", b"\x00\x01binary", "not a text file"),
    ],
)
def test_it_refuses_files_of_the_wrong_type(
    client: Client, personas: Personas, name: str, content: bytes, problem: str
) -> None:
    client.force_login(personas.district_leader)
    response = _post(client, file=SimpleUploadedFile(name, content))
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert problem in response.content.decode()  # type: ignore[attr-defined]
    assert not Consensus.objects.exists() and not EvidenceFile.objects.exists()


def test_it_refuses_files_over_the_size_limit(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    big = SimpleUploadedFile("big.txt", b"a" * (MAX_EVIDENCE_BYTES + 1))
    response = _post(client, file=big)
    assert "larger than 10 MB" in response.content.decode()  # type: ignore[attr-defined]


def test_it_refuses_links_that_are_not_web_addresses(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_leader)
    response = _post(client, links="javascript:alert(1)")
    assert "is not a web address" in response.content.decode()  # type: ignore[attr-defined]
    assert not Consensus.objects.exists()


def test_viewers_403_and_outsiders_404(client: Client, personas: Personas) -> None:
    url = reverse("assessments:consensus_item", args=[team_assessment().pk, ITEM])
    client.force_login(personas.district_viewer)
    assert client.post(url, {"rank": "3"}).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    assert not Consensus.objects.exists()
