"""Every write to the organization hierarchy goes through here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db import transaction

from trellis.accounts.audit import log_action
from trellis.accounts.models import User
from trellis.orgs.core.entities import EntityRecord
from trellis.orgs.core.regions import REGION_NAMES, counties, normalize_search
from trellis.orgs.models import Kind, Organization, RelationshipKind, SupportRelationship

STATE_CODE = "CA"
# Fields an import may change; everything else (ids, hierarchy links) is derived.
_FIELDS = (
    "kind",
    "name",
    "cds_code",
    "lea_type",
    "is_charter",
    "status",
    "school_level",
    "school_level_source",
    "county_name",
    "grades_offered",
    "latitude",
    "longitude",
)
_LINKS = ("parent_id", "region_id", "coe_id", "lea_id", "authorizer_id")
STATE_AGENCIES = [
    ("AGENCY-CDE", "California Department of Education"),
    ("AGENCY-CCEE", "California Collaborative for Educational Excellence"),
    ("AGENCY-SBE", "State Board of Education"),
]


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def state_ensure() -> Organization:
    """The state, its 11 regions and the state agencies. Idempotent."""
    state, _ = Organization.objects.get_or_create(
        code=STATE_CODE, defaults={"kind": Kind.STATE, "name": "California", "search_text": "california"}
    )
    for code, name in REGION_NAMES.items():
        Organization.objects.get_or_create(
            code=code,
            defaults={"kind": Kind.REGION, "name": name, "parent": state, "search_text": normalize_search(name)},
        )
    for code, name in STATE_AGENCIES:
        Organization.objects.get_or_create(
            code=code,
            defaults={"kind": Kind.AGENCY, "name": name, "parent": state, "search_text": normalize_search(name)},
        )
    return state


def _values(record: EntityRecord) -> dict[str, Any]:
    data = asdict(record)
    return {f: data[f] for f in _FIELDS}


@transaction.atomic
def organizations_import(records: Iterable[EntityRecord], *, file: str, user: User | None = None) -> ImportSummary:
    """Create or update organizations from derived records, parents before children. All or nothing."""
    state = state_ensure()
    regions = {o.code: o.id for o in Organization.objects.filter(kind=Kind.REGION)}
    county_region = {c.code: regions[c.region_code] for c in counties().values()}
    existing = {o.code: o for o in Organization.objects.exclude(kind__in=[Kind.STATE, Kind.REGION, Kind.AGENCY])}
    ids: dict[str, int] = {code: org.id for code, org in existing.items()}
    records = list(records)
    created = updated = unchanged = 0
    # Parents before children, and districts before the charters they authorize.
    phases: list[tuple[str, Callable[[EntityRecord], bool]]] = [
        ("coe", lambda r: r.kind == "coe"),
        ("lea", lambda r: r.kind == "lea" and r.lea_type != "charter"),
        ("lea", lambda r: r.kind == "lea" and r.lea_type == "charter"),
        ("school", lambda r: r.kind == "school"),
    ]
    for level, belongs in phases:
        batch = [r for r in records if belongs(r)]
        to_create: list[Organization] = []
        to_update: list[Organization] = []
        for record in batch:
            parent_id = ids[record.parent_code] if record.parent_code else None
            links = {
                "parent_id": parent_id if level != "coe" else county_region[record.county_code],
                "region_id": county_region[record.county_code],
                "coe_id": ids.get(f"C{record.county_code}") if level != "coe" else None,
                "lea_id": parent_id if level == "school" and record.parent_code != f"C{record.county_code}" else None,
                "authorizer_id": ids.get(record.authorizer_code) if record.authorizer_code else None,
            }
            values = _values(record) | links | {"search_text": normalize_search(f"{record.name} {record.cds_code}")}
            org = existing.get(record.code)
            if org is None:
                to_create.append(Organization(code=record.code, **values))
            elif any(getattr(org, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(org, k, v)
                to_update.append(org)
            else:
                unchanged += 1
        for org in Organization.objects.bulk_create(to_create, batch_size=2000):
            ids[org.code] = org.id
        Organization.objects.bulk_update(to_update, [*_FIELDS, *_LINKS, "search_text"], batch_size=2000)
        created += len(to_create)
        updated += len(to_update)
    summary = ImportSummary(created, updated, unchanged)
    if created or updated:
        log_action("trellis.orgs.imported", user=user, target=state, data={"file": file, **asdict(summary)})
    return summary


def support_relationship_create(
    *,
    provider: Organization,
    recipient: Organization,
    kind: RelationshipKind,
    starts_on: date,
    ends_on: date | None = None,
    note: str = "",
    user: User | None = None,
) -> SupportRelationship:
    relationship = SupportRelationship(
        provider=provider, recipient=recipient, kind=kind, starts_on=starts_on, ends_on=ends_on, note=note
    )
    relationship.full_clean()
    relationship.save()
    log_action(
        "trellis.orgs.support_relationship.created",
        user=user,
        target=recipient,
        data={"provider": provider.code, "kind": str(kind)},
    )
    return relationship
