from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import Personas
from trellis.framework.core import load_framework

pytestmark = pytest.mark.django_db


def test_it_lists_the_condition_s_elements(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    page = client.get(reverse("framework:condition", args=["capacity-framework", "1.0.0", "trust"])).content.decode()
    for element in load_framework("capacity-framework").condition("trust").elements:
        assert element.title in page


def test_it_answers_404_for_an_element_id(client: Client, personas: Personas) -> None:
    client.force_login(personas.school_member)
    url = reverse("framework:condition", args=["capacity-framework", "1.0.0", "trust.psychological-safety"])
    assert client.get(url).status_code == 404
