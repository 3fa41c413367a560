"""Who sees a project: its team, its organization's leaders, the organizations it is shared with."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import Personas, org, user_with
from tests.improvement.factories import first_measure
from trellis.accounts import policy
from trellis.accounts.models import Role
from trellis.improvement.models import Measure, Project, TeamMember

pytestmark = pytest.mark.django_db


def test_a_team_member_sees_and_edits(client: Client, personas: Personas, project: Project) -> None:
    client.force_login(personas.school_member)
    assert client.get(f"/improvement/{project.pk}/").status_code == 200
    assert client.get(f"/improvement/{project.pk}/pdsa/new/").status_code == 200


def test_an_org_leader_who_is_not_on_the_team_sees_and_edits(
    client: Client, personas: Personas, project: Project
) -> None:
    principal = user_with("principal@example.org", org("Alameda High"), Role.LEADER)
    client.force_login(principal)
    assert client.get(f"/improvement/{project.pk}/").status_code == 200
    assert client.get(f"/improvement/{project.pk}/team/").status_code == 200


def test_a_member_of_the_school_who_is_not_on_the_team_does_not_see_it(client: Client, project: Project) -> None:
    teacher = user_with("teacher@example.org", org("Alameda High"), Role.MEMBER)
    client.force_login(teacher)
    assert client.get(f"/improvement/{project.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["outsider", "nobody", "district_leader", "state_admin", "region_lead"])
def test_everyone_else_gets_404(client: Client, personas: Personas, project: Project, who: str) -> None:
    client.force_login(getattr(personas, who))
    measure = first_measure(project)
    assert client.get(f"/improvement/{project.pk}/").status_code == 404
    assert client.get(f"/improvement/measures/{measure.pk}/").status_code == 404
    assert client.get(f"/api/v1/improvement/measures/{measure.pk}").status_code == 404


def test_a_shared_provider_reads_only(client: Client, personas: Personas, project: Project) -> None:
    client.force_login(personas.coe_leader)  # the project is shared with the county office
    assert client.get(f"/improvement/{project.pk}/").status_code == 200
    assert client.get(f"/improvement/{project.pk}/edit/").status_code == 403
    assert client.get(f"/improvement/{project.pk}/sharing/").status_code == 403


def test_the_list_filter_agrees_with_the_object_check(personas: Personas, project: Project) -> None:
    coach = user_with("coach@example.org", org("C01"), Role.COACH)
    TeamMember.objects.create(project=project, user=coach, role="coach")
    for user in [coach, *(getattr(personas, p) for p in personas.__dataclass_fields__)]:
        policy.forget(user)
        listed = set(policy.filter_allowed(user, "improvement.view", Project.objects.all()))
        assert listed == {p for p in Project.objects.all() if policy.can(user, "improvement.view", p)}, user
        measures = set(policy.filter_allowed(user, "improvement.view", Measure.objects.all()))
        assert measures == {m for m in Measure.objects.all() if policy.can(user, "improvement.view", m)}, user
