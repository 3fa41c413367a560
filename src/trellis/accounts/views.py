from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from trellis.accounts.http import AuthenticatedHttpRequest
from trellis.accounts.selectors import home_organization


def home(request: HttpRequest) -> HttpResponse:
    """Signed-in users land on their organization's page; everyone else on the sign-in page."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    org = home_organization(request.user)
    if org is None:
        return redirect("orgs:directory")
    return redirect("orgs:detail", pk=org.pk)


@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "accounts/profile.html", {"memberships": request.user.memberships.select_related("organization")}
    )
