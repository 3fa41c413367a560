from __future__ import annotations

from django.http import HttpRequest

from trellis.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # type: ignore[assignment]
