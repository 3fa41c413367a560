"""The audit log: one function writes it; codes are dotted (`trellis.orgs.imported`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from trellis.accounts.models import User


def log_action(
    action: str, *, user: User | None, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> None:
    from trellis.accounts.models import AuditEntry
    from trellis.orgs.models import Organization

    organization = None
    if isinstance(target, Organization):
        organization = target
    elif target is not None:
        organization = getattr(target, "organization", None)
    AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        organization=organization,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        data=data or {},
    )
