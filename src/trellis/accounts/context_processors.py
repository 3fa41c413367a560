"""Template context every page needs: the signed-in user's organizations for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from trellis.accounts.models import Membership


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": [], "is_state_member": False}
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__kind", "organization__name")
    )
    return {
        "my_memberships": memberships,
        # The state view is for members of the state organization (the view checks again).
        "is_state_member": any(m.organization.kind == "state" for m in memberships),
    }
