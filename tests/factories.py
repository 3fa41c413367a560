"""Small builders for tests: a miniature California built through the real import path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from trellis.accounts import policy
from trellis.accounts.models import Membership, Role, User
from trellis.orgs.actions import organizations_import
from trellis.orgs.core.entities import SourceRow, derive_entities
from trellis.orgs.core.regions import counties
from trellis.orgs.models import Organization

if TYPE_CHECKING:
    from trellis.networks.models import Network
    from trellis.support.models import Engagement

PASSWORD = "correct-horse-battery-staple"

# Two counties in different regions: Alameda (01, Region 4) and Fresno (10, Region 7).
MINI_CALIFORNIA = [
    # cds, school, district, county, charter
    ("01611920130229", "Alameda High", "Alameda Unified", "Alameda", False),
    ("01611926000509", "Bay Farm Elementary", "Alameda Unified", "Alameda", False),
    ("01612000118224", "Claremont Middle", "Oakland Unified", "Alameda", False),
    ("01100170112607", "Envision Academy for Arts & Technology", "Alameda County Office of Education", "Alameda", True),
    ("01100170130401", "Alameda County Community", "Alameda County Office of Education", "Alameda", False),
    ("10621661030618", "Fresno High", "Fresno Unified", "Fresno", False),
    ("10621666005540", "Addams Elementary", "Fresno Unified", "Fresno", False),
    ("10739656006712", "Big Creek Elementary", "Big Creek Elementary", "Fresno", False),
]


def school_rows(rows: list[tuple[str, str, str, str, bool]] = MINI_CALIFORNIA) -> list[SourceRow]:
    return [
        SourceRow(
            line=i,
            cds=cds,
            is_school=True,
            school_name=school,
            district_name=district,
            county_name=county,
            is_charter=charter,
        )
        for i, (cds, school, district, county, charter) in enumerate(rows, start=2)
    ]


def build_mini_california() -> None:
    records = derive_entities(
        school_rows(), file="mini.csv", known_counties={c.code: c.name for c in counties().values()}, known_districts={}
    )
    organizations_import(records, file="mini.csv")
    policy.reset_caches()


def org(code_or_name: str) -> Organization:
    found = (
        Organization.objects.filter(code=code_or_name).first() or Organization.objects.filter(name=code_or_name).first()
    )
    assert found is not None, code_or_name
    return found


def user_with(email: str, organization: Organization | None = None, role: Role = Role.MEMBER) -> User:
    user = User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].replace(".", " ").title())
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


@dataclass
class Personas:
    """Who is who in the test California (healthchecks-style personas)."""

    state_admin: User
    region_lead: User
    coe_leader: User
    district_leader: User
    district_viewer: User
    school_member: User
    charter_leader: User
    outsider: User
    """A leader of Fresno Unified: unrelated to everything in Alameda."""
    nobody: User
    """Signed in, but a member of no organization."""


def alameda_engagement() -> Engagement:
    """Alameda County Office of Education supports Alameda Unified (built once per test)."""
    from trellis.support.actions import engagement_create
    from trellis.support.models import Engagement, EngagementStatus

    found = Engagement.objects.filter(title="Chronic absenteeism in the early grades").first()
    if found is not None:
        return found
    return engagement_create(
        provider=org("C01"),
        recipient=org("Alameda Unified"),
        level=2,
        title="Chronic absenteeism in the early grades",
        problem_of_practice="A quarter of our kindergarteners miss 18 or more days.",
        goals="Cut chronic absenteeism in grades K-2 from 24% to 15% in two years.",
        student_groups=["SWD", "SED"],
        priorities=[5],
        elements=["collaboration.stakeholder-engagement"],
        starts_on=date(2025, 8, 1),
        status=EngagementStatus.ACTIVE,
    )


def alameda_network() -> Network:
    """A network hosted by the Alameda county office with Alameda Unified and Alameda High as members."""
    from trellis.networks.actions import convening_create, member_add, network_create
    from trellis.networks.models import Network

    found = Network.objects.filter(name="Bay Improvement Network").first()
    if found is not None:
        return found
    network = network_create(name="Bay Improvement Network", host=org("C01"), joined_on=date(2025, 8, 1))
    member_add(network=network, organization=org("Alameda Unified"), joined_on=date(2025, 8, 1))
    member_add(network=network, organization=org("Alameda High"), joined_on=date(2025, 8, 1))
    convening_create(network=network, title="Fall summit", held_on=date(2025, 10, 2))
    return network
