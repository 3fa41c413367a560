"""Demo step: the real California schools (2018 Dashboard) with synthetic staff rosters."""

from __future__ import annotations

import csv
import gzip
import io
import re
from datetime import date
from importlib import resources

from django.db import transaction

from trellis.demo.pipeline import DemoContext
from trellis.orgs.actions import organizations_import, state_ensure, support_relationship_create
from trellis.orgs.core.entities import SourceRow, derive_entities
from trellis.orgs.core.regions import counties
from trellis.orgs.models import Kind, Organization, RelationshipKind, StaffMember, StaffRole

SCHOOL_LIST = "data/ca_schools_2018.csv.gz"
# Typical staff sizes by school level (certificated + classified), before ±25% variation.
STAFF_SIZE = {"elementary": 32, "middle": 48, "high": 90, "k12": 40, "alternative": 12, "": 30}
# Share of each role on a school roster.
ROLE_MIX = [
    (StaffRole.TEACHER, 0.62),
    (StaffRole.CLASSIFIED, 0.24),
    (StaffRole.COUNSELOR, 0.08),
    (StaffRole.ADMINISTRATOR, 0.04),
    (StaffRole.OTHER, 0.02),
]
FIRST = """
Maria Jose Juan Ana Luis Carmen David Sarah Michael Jennifer Daniel Laura James Linda Robert Patricia Kevin
Nancy Brian Karen Jason Lisa Eric Michelle Steven Angela Thomas Rosa Anthony Elena Mark Sandra Minh Mai Wei Li
Priya Arjun Kenji Yuki Samir Fatima Omar Leila Grace Paul Emily Andrew Diana Carlos
""".split()
LAST = """
Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Nguyen Tran Smith Johnson
Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris
Clark Lewis Robinson Walker Young Allen King Wright Scott Kim Chen Wang Patel Singh Flores Rivera Gomez Diaz
Reyes Cruz Morales Ortiz Gutierrez Chavez Ramos
""".split()


def school_rows() -> list[SourceRow]:
    raw = resources.files("trellis.orgs").joinpath(SCHOOL_LIST).read_bytes()
    reader = csv.DictReader(io.StringIO(gzip.decompress(raw).decode()))
    rows = []
    for line, r in enumerate(reader, start=2):
        statuses = {s: (float(r[f"{s}_status"]), int(r[f"{s}_level"])) for s in ("ela", "math") if r[f"{s}_status"]}
        rows.append(
            SourceRow(
                line=line,
                cds=r["cds"],
                is_school=True,
                school_name=r["schoolname"],
                district_name=r["districtname"],
                county_name=r["countyname"],
                is_charter=r["charter_flag"] == "Y",
                status="closed" if r["status_type"] in ("Closed", "Merged") else "active",
                soc=r["soc"],
                eil_code=r["eil_code"],
                latitude=float(r["latitude"]) if r["latitude"] else None,
                longitude=float(r["longitude"]) if r["longitude"] else None,
                statuses=statuses,
            )
        )
    return rows


def demo_organizations(context: DemoContext) -> None:
    records = derive_entities(
        school_rows(),
        file=SCHOOL_LIST,
        known_counties={c.code: c.name for c in counties().values()},
        known_districts={},
    )
    organizations_import(records, file=SCHOOL_LIST)


def _domain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())[:24] + ".example.org"


@transaction.atomic
def demo_staff(context: DemoContext) -> None:
    rng = context.child_rng("staff")
    staff: list[StaffMember] = []
    orgs = Organization.objects.filter(kind__in=[Kind.SCHOOL, Kind.LEA, Kind.COE]).exclude(lea_type="charter")
    for org_id, kind, level, name in orgs.order_by("id").values_list("id", "kind", "school_level", "name"):
        if kind == Kind.SCHOOL:
            size = max(4, round(STAFF_SIZE.get(level, 30) * rng.uniform(0.75, 1.25)))
            mix = ROLE_MIX
        else:  # district and county office staff
            size = rng.randint(12, 60) if kind == Kind.LEA else rng.randint(40, 120)
            mix = [(StaffRole.ADMINISTRATOR, 0.3), (StaffRole.CLASSIFIED, 0.4), (StaffRole.OTHER, 0.3)]
        domain = _domain(name)
        roles, weights = zip(*mix, strict=True)
        for i in range(size):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            staff.append(
                StaffMember(
                    organization_id=org_id,
                    full_name=f"{first} {last}",
                    email=f"{first}.{last}.{i}@{domain}".lower(),
                    role=rng.choices(roles, weights)[0],
                    years_in_organization=min(35, int(rng.expovariate(1 / 7))),
                )
            )
    StaffMember.objects.bulk_create(staff, batch_size=5000)
    context.notes["staff_count"] = len(staff)


def demo_support_relationships(context: DemoContext) -> None:
    """A geographic lead county office in each region supports the other county offices there;
    the CCEE supports a few county offices directly."""
    state_ensure()
    start = date(context.today.year - 1, 7, 1)
    coes = list(Organization.objects.filter(kind=Kind.COE).order_by("region__code", "name"))
    by_region: dict[int | None, list[Organization]] = {}
    for coe in coes:
        by_region.setdefault(coe.region_id, []).append(coe)
    rng = context.child_rng("support")
    for members in by_region.values():
        lead = max(members, key=lambda c: Organization.objects.filter(coe=c).count())
        for coe in members:
            if coe != lead:
                support_relationship_create(
                    provider=lead, recipient=coe, kind=RelationshipKind.GEOGRAPHIC_LEAD, starts_on=start
                )
    ccee = Organization.objects.get(code="AGENCY-CCEE")
    for coe in rng.sample(coes, 4):
        support_relationship_create(provider=ccee, recipient=coe, kind=RelationshipKind.STATE_AGENCY, starts_on=start)
