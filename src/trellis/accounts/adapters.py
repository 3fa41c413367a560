"""allauth adapters: Trellis accounts are created by administrators, not by self sign-up.

Sign-in with Google Workspace or Microsoft Entra (OpenID Connect) attaches to the existing account
with the same verified e-mail address; it never creates a new account.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        from trellis.accounts.models import User

        if sociallogin.is_existing:
            return
        email = (sociallogin.user.email or "").lower()
        verified = any(getattr(e, "verified", False) and e.email.lower() == email for e in sociallogin.email_addresses)
        user = User.objects.filter(email=email, is_active=True).first() if email and verified else None
        if user is not None:
            sociallogin.connect(request, user)
