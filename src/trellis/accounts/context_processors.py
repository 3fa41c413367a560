"""Template context every page needs: the signed-in user's organizations for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from trellis.accounts.models import Membership


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": []}
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organization")
        .order_by("organization__kind", "organization__name")
    )
    return {"my_memberships": memberships}
