"""Members share change ideas and lessons; each entry stores its sentence vector."""

from __future__ import annotations

import numpy as np
from django.test import Client
from django.urls import reverse

from tests.factories import Personas, alameda_network, org
from trellis.lib.similarity import from_bytes
from trellis.networks.core.library import MODEL_NAME
from trellis.networks.models import LibraryEntry


def test_a_member_shares_a_lesson_with_its_vector(client: Client, personas: Personas) -> None:
    network = alameda_network()
    client.force_login(personas.school_member)
    response = client.post(
        reverse("networks:library_add", args=[network.pk]),
        {
            "kind": "lesson",
            "title": "Call home on day two",
            "body": "Calling on the second absence cut repeat absences.",
        },
    )
    assert response.status_code == 302
    entry = LibraryEntry.objects.get()
    assert entry.contributed_by == org("Alameda High") and entry.embedding_model == MODEL_NAME
    vector = from_bytes(bytes(entry.embedding))
    assert vector.shape == (384,) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-4


def test_a_viewer_cannot_share(client: Client, personas: Personas) -> None:
    client.force_login(personas.district_viewer)
    response = client.post(
        reverse("networks:library_add", args=[alameda_network().pk]), {"kind": "lesson", "title": "x", "body": "y"}
    )
    assert response.status_code == 403 and not LibraryEntry.objects.exists()
