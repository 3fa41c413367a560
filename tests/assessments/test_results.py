"""Results: the heatmap (level names in the cells), capacities by role, change across versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from tests.assessments.factories import agree_all, district_leader, submitted, team_assessment
from tests.factories import Personas, org
from trellis.assessments import actions
from trellis.framework.core import SHIPPED
from trellis.framework.core.loader import SHIPPED_ROOT

pytestmark = pytest.mark.django_db


def test_the_heatmap_names_the_level_in_every_cell(client: Client, personas: Personas) -> None:
    assessment = team_assessment(scope="both")
    agree_all(assessment, district_leader(), 4, overrides={"trust.psychological-safety": 1})
    client.force_login(personas.district_viewer)
    page = client.get(reverse("assessments:results", args=[assessment.pk])).content.decode()
    heatmap = page.split("<h2>Enabling conditions</h2>")[1].split("<h2>Capacities by role</h2>")[0]
    assert heatmap.count('<td class="trellis-rank-4">') == 17
    assert heatmap.count("4. Full Implementation</span>") == 17
    assert "1. Exploration and Research" in heatmap
    assert '<th scope="row">Culture of mutual trust</th>' in heatmap
    capacities = page.split("<h2>Capacities by role</h2>")[1]
    assert capacities.count("4. Full Implementation<") == 27  # the district level's 27 capacities


def test_it_compares_with_last_year(client: Client, personas: Personas) -> None:
    submitted(school_year="2024-25", rank=2)
    now = team_assessment(school_year="2025-26")
    agree_all(now, district_leader(), 3, overrides={"purpose.urgency": 2})
    client.force_login(personas.district_leader)
    page = client.get(reverse("assessments:results", args=[now.pk])).content.decode()
    assert "Compared with 2024-25" in page
    assert page.count("+1</td>") == 17
    assert page.count("no change") == 1


@pytest.fixture
def two_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped 1.0.0 and a 1.1.0 that renames one element and retires another."""
    folder = tmp_path / "capacity-framework"
    folder.mkdir()
    source = (SHIPPED_ROOT / "capacity-framework" / "1.0.0.yaml").read_text()
    (folder / "1.0.0.yaml").write_text(source)
    raw: dict[str, Any] = yaml.safe_load(source)
    raw.update(version="1.1.0", changes=["Rename urgency; retire constancy"])
    purpose = raw["conditions"][0]
    for element in purpose["elements"]:
        if element["id"] == "purpose.urgency":
            element["id"] = "purpose.sense-of-urgency"
    purpose["elements"] = [e for e in purpose["elements"] if e["id"] != "purpose.constancy"]
    raw["maps_from"] = [
        {"from_version": "1.0.0", "ids": {"purpose.urgency": "purpose.sense-of-urgency", "purpose.constancy": None}}
    ]
    (folder / "1.1.0.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False))
    monkeypatch.setattr(SHIPPED, "root", tmp_path)
    monkeypatch.setattr(SHIPPED, "_cache", {})


def test_it_maps_ids_across_framework_versions(client: Client, personas: Personas, two_versions: None) -> None:
    before = actions.assessment_start(
        organization=org("Alameda Unified"),
        user=district_leader(),
        scope="conditions",
        school_year="2024-25",
        framework_version="1.0.0",
    )
    agree_all(before, district_leader(), 2)
    actions.assessment_submit(assessment=before, user=district_leader())
    now = actions.assessment_start(
        organization=org("Alameda Unified"), user=district_leader(), scope="conditions", school_year="2025-26"
    )
    assert now.framework_version == "1.1.0"
    agree_all(now, district_leader(), 4)
    client.force_login(personas.district_leader)
    page = client.get(reverse("assessments:results", args=[now.pk])).content.decode()
    urgency_title = next(
        e["title"]
        for e in yaml.safe_load((SHIPPED.root / "capacity-framework" / "1.1.0.yaml").read_text())["conditions"][0][
            "elements"
        ]
        if e["id"] == "purpose.sense-of-urgency"
    )
    row = page.split(f'<th scope="row">{urgency_title}</th>')[1].split("</tr>")[0]
    assert "2. Beginning Development" in row and "4. Full Implementation" in row and "+2" in row
    assert page.count("+2</td>") == 17  # 18 elements before, one retired
    assert "Entries the framework has since retired: 1" in page


def test_outsiders_and_the_hierarchy_get_404(client: Client, personas: Personas) -> None:
    assessment = submitted()
    for persona in (personas.outsider, personas.coe_leader, personas.region_lead, personas.state_admin):
        client.force_login(persona)
        assert client.get(reverse("assessments:results", args=[assessment.pk])).status_code == 404
    client.force_login(personas.district_leader)
    assert client.post(reverse("assessments:results", args=[assessment.pk])).status_code == 405
