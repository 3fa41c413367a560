"""What improvement projects are to the authorization policy.

A project is visible to its team (whatever organization each member belongs to: a county office
coach on a school's team sees it) and to the leaders and administrators of the owning
organization, and to the organizations it is shared with. The hierarchy opens nothing: a
district or county office sees a school's project only when the school shares it (issue 6).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q

from trellis.accounts.policy import ALL_ROLES, LEADERS, Grant, ResourceRule, register
from trellis.improvement.models import DriverNode, Measure, PdsaCycle, Project, ProjectShare, RootCause, TeamMember

EVERY_TEAM_ROLE = frozenset({"sponsor", "lead", "member", "coach"})
TEAM_LEADS = frozenset({"lead"})

ACTIONS = {
    # See the project, its measures, charts and cycles.
    "improvement.view": Grant(own=LEADERS, shared=ALL_ROLES, team=EVERY_TEAM_ROLE),
    # Work on it: aim, root causes, drivers, measures and data, PDSA cycles.
    "improvement.edit": Grant(own=LEADERS, team=EVERY_TEAM_ROLE),
    # Decide who is on the team and who it is shared with.
    "improvement.manage": Grant(own=LEADERS, team=TEAM_LEADS),
}


def _project_rule(path: str, project_of: Any) -> ResourceRule:
    """The same rule for the project and everything in it; `path` leads from the model to the project."""
    prefix = f"{path}__" if path else ""
    project_id = f"{path}_id" if path else "pk"

    def team_roles(user: Any, obj: Model) -> list[str]:
        return list(
            TeamMember.objects.filter(project_id=project_of(obj).pk, user_id=user.pk).values_list("role", flat=True)
        )

    def team_q(user: Any, roles: frozenset[str]) -> Q:
        ids = TeamMember.objects.filter(user_id=user.pk, role__in=roles).values("project_id")
        return Q(**{f"{project_id}__in": ids})

    def shared_with(obj: Model) -> list[int]:
        return list(
            ProjectShare.objects.filter(project_id=project_of(obj).pk).values_list("organization_id", flat=True)
        )

    def shared_q(org_ids: set[int]) -> Q:
        ids = ProjectShare.objects.filter(organization_id__in=org_ids).values("project_id")
        return Q(**{f"{project_id}__in": ids})

    return ResourceRule(
        owner=lambda obj: project_of(obj).organization,
        owner_field=f"{prefix}organization",
        view_action="improvement.view",
        actions=ACTIONS,
        shared_with=shared_with,
        shared_q=shared_q,
        team_roles=team_roles,
        team_q=team_q,
    )


register(Project, _project_rule("", lambda p: p))
for _model in (Measure, PdsaCycle, DriverNode, RootCause):
    register(_model, _project_rule("project", lambda obj: obj.project))
