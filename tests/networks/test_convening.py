"""Convenings: the host plans them; members record consultancies with critical-friend feedback."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.factories import Personas, alameda_network, org
from trellis.networks.actions import attendance_record
from trellis.networks.models import ConsultancyNote, Convening


def test_the_host_plans_a_convening(client: Client, personas: Personas) -> None:
    network = alameda_network()
    client.force_login(personas.coe_leader)
    response = client.post(
        reverse("networks:convening_create", args=[network.pk]),
        {"title": "Winter consultancy", "kind": "consultancy", "held_on": "2026-01-15", "agenda": "Norms\nConsultancy"},
    )
    convening = Convening.objects.get(title="Winter consultancy")
    assert response["Location"] == reverse("networks:convening", args=[convening.pk])


def test_a_member_records_a_consultancy_and_everyone_sees_it(client: Client, personas: Personas) -> None:
    convening = alameda_network().convenings.get()
    attendance_record(convening=convening, organization=org("Alameda Unified"), people=4)
    client.force_login(personas.district_leader)
    response = client.post(
        reverse("networks:consultancy_add", args=[convening.pk]),
        {
            "presenting": org("Alameda Unified").pk,
            "focusing_question": "How do we keep families engaged after the first absence call?",
            "warm_feedback": "The call script is warm and specific.",
            "cool_feedback": "Who calls when the teacher is out?",
            "next_steps": "Test the script in two classrooms.",
        },
    )
    assert response.status_code == 302 and ConsultancyNote.objects.count() == 1
    client.force_login(personas.school_member)
    page = client.get(reverse("networks:convening", args=[convening.pk])).content.decode()
    assert "Who calls when the teacher is out?" in page and "Fall summit" in page
    assert 'Alameda Unified</th><td class="text-right">4' in page


def test_a_presenter_must_be_a_member(client: Client, personas: Personas) -> None:
    convening = alameda_network().convenings.get()
    client.force_login(personas.coe_leader)
    client.post(
        reverse("networks:consultancy_add", args=[convening.pk]),
        {"presenting": org("Oakland Unified").pk, "focusing_question": "?"},
    )
    assert not ConsultancyNote.objects.exists()
