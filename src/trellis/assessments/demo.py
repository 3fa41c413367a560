"""Demo step: self-assessments a demo user can open on their organization's page.

Fresno County, where the demo sign-ins work: Addams Elementary and Fresno Unified with two
consecutive submitted years and one in progress, the county office, a small rural district, a
charter, the region and the state; reciprocal pairs between the county office and its LEAs.
Ratings come from a per-organization profile plus member-to-member noise, so the consensus view
has a few items two levels apart, as a real team would.
"""

from __future__ import annotations

import random
import statistics
from datetime import UTC, date, datetime

from django.db import transaction

from trellis.accounts.models import Membership, Role, User
from trellis.assessments import actions
from trellis.assessments.models import Assessment, Side, TeamMember
from trellis.assessments.selectors import items_of
from trellis.demo.pipeline import DemoContext
from trellis.orgs.models import Kind, Organization

TEAM_NAMES = ["Avery Santos", "Blake Okafor", "Cameron Ruiz", "Dana Whitfield", "Emerson Tran", "Finley Ortiz"]


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _team(org: Organization, leader: User, extra: list[User], rng: random.Random, size: int = 2) -> list[User]:
    """The leader, the given demo users, and `size` synthetic colleagues (who cannot sign in)."""
    members = [leader, *extra]
    for name in rng.sample(TEAM_NAMES, size):
        email = f"{name.lower().replace(' ', '.')}.{org.pk}@team.demo.trellis.test"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=name)
            user.set_unusable_password()
            user.save()
            Membership.objects.create(user=user, organization=org, role=Role.MEMBER, title="Improvement team")
        members.append(user)
    return members


def _profile(item_ids: list[str], rng: random.Random, base: float) -> dict[str, int]:
    return {i: max(1, min(5, round(base + rng.choice([-1, 0, 0, 0.5, 1])))) for i in item_ids}


def _rate(
    assessment: Assessment,
    team: list[User],
    profile: dict[str, int],
    rng: random.Random,
    *,
    share_rated: float = 1.0,
) -> None:
    for user in team:
        TeamMember.objects.get_or_create(assessment=assessment, user=user)
    for item in items_of(assessment):
        for index, user in enumerate(team):
            if index > 0 and rng.random() > share_rated:
                continue
            noise = rng.choices([-2, -1, 0, 1, 2], weights=[3, 20, 54, 20, 3])[0]
            rank = max(1, min(5, profile[item.id] + noise))
            note = "Seen in our agendas and walkthroughs." if rng.random() < 0.1 else ""
            actions.rating_save(assessment=assessment, user=user, item_id=item.id, rank=rank, note=note)


def _agree_and_submit(assessment: Assessment, leader: User, when: date) -> None:
    ranks: dict[str, list[int]] = {}
    for item_id, rank in assessment.ratings.filter(rank__isnull=False).values_list("item_id", "rank"):
        if rank is not None:
            ranks.setdefault(item_id, []).append(rank)
    for item in items_of(assessment):
        agreed = round(statistics.median(ranks[item.id]))
        actions.consensus_save(
            assessment=assessment,
            user=leader,
            item_id=item.id,
            rank=agreed,
            evidence="Discussed at the team's consensus meeting; see the shared agenda and notes.",
            next_steps="Keep the routine; review the evidence mid-year."
            if agreed >= 4
            else "Pick one change to test this semester.",
        )
    actions.assessment_submit(assessment=assessment, user=leader)
    stamp = datetime(when.year, when.month, when.day, 17, 0, tzinfo=UTC)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=stamp)


def _year(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def _series(
    org: Organization,
    leader: User,
    team: list[User],
    rng: random.Random,
    *,
    this_year: int,
    submitted_years: int,
    scope: str = "both",
    in_progress: bool = True,
    base: float = 2.6,
) -> list[Assessment]:
    """Consecutive submitted years (growing a little each year), then this year's in progress."""
    made: list[Assessment] = []
    profile: dict[str, int] | None = None
    for offset in range(submitted_years, 0, -1):
        start = this_year - offset
        assessment = actions.assessment_start(organization=org, user=leader, scope=scope, school_year=_year(start))
        ids = [i.id for i in items_of(assessment)]
        profile = (
            _profile(ids, rng, base)
            if profile is None
            else {i: min(5, r + (1 if rng.random() < 0.35 else 0)) for i, r in profile.items()}
        )
        _rate(assessment, team, profile, rng)
        _agree_and_submit(assessment, leader, date(start + 1, 5, 20))
        assessment.refresh_from_db()
        made.append(assessment)
    if in_progress:
        assessment = actions.assessment_start(organization=org, user=leader, scope=scope, school_year=_year(this_year))
        ids = [i.id for i in items_of(assessment)]
        _rate(assessment, team, profile or _profile(ids, rng, base), rng, share_rated=0.5)
        made.append(assessment)
    return made


def _reciprocal(
    provider: Organization,
    recipient: Organization,
    provider_team: list[User],
    recipient_team: list[User],
    rng: random.Random,
    start: int,
    *,
    both_submit: bool,
) -> None:
    pair = actions.reciprocal_start(
        provider=provider,
        recipient=recipient,
        period_start=date(start, 7, 1),
        period_end=date(start + 1, 6, 30),
        user=provider_team[0],
    )
    for side, team, base in ((Side.PROVIDER, provider_team, 3.2), (Side.RECIPIENT, recipient_team, 2.7)):
        assessment = pair.sides.get(side=side)
        ids = [i.id for i in items_of(assessment)]
        _rate(assessment, team, _profile(ids, rng, base), rng)
        if side == Side.PROVIDER or both_submit:
            _agree_and_submit(assessment, team[0], date(start + 1, 6, 15))


@transaction.atomic
def demo_assessments(context: DemoContext) -> None:
    rng = context.child_rng("assessments")
    this_year = context.today.year if context.today.month >= 7 else context.today.year - 1
    principal, teacher = _user("principal@demo.trellis.test"), _user("teacher@demo.trellis.test")
    district, coe_leader = _user("district.leader@demo.trellis.test"), _user("coe.leader@demo.trellis.test")
    coach = _user("coe.coach@demo.trellis.test")
    school = Membership.objects.get(user=principal).organization
    urban = Membership.objects.get(user=district).organization
    fresno_coe = Membership.objects.get(user=coe_leader).organization
    rural_leader, charter_leader = _user("rural.leader@demo.trellis.test"), _user("charter.leader@demo.trellis.test")
    rural = Membership.objects.get(user=rural_leader).organization
    charter = Membership.objects.get(user=charter_leader).organization
    region_lead, state_admin = _user("region.lead@demo.trellis.test"), _user("state.admin@demo.trellis.test")
    region = Membership.objects.get(user=region_lead).organization
    state = Organization.objects.get(kind=Kind.STATE)

    school_team = _team(school, principal, [teacher], rng)
    _series(school, principal, school_team, rng, this_year=this_year, submitted_years=2, base=2.4)
    urban_team = _team(urban, district, [], rng, size=3)
    urban_years = _series(urban, district, urban_team, rng, this_year=this_year, submitted_years=2, base=2.8)
    actions.assessment_share(assessment=urban_years[1], organizations=[fresno_coe], user=district)
    coe_team = _team(fresno_coe, coe_leader, [coach], rng)
    _series(fresno_coe, coe_leader, coe_team, rng, this_year=this_year, submitted_years=1, in_progress=False, base=3.1)
    rural_team = _team(rural, rural_leader, [], rng, size=1)
    _series(
        rural,
        rural_leader,
        rural_team,
        rng,
        this_year=this_year,
        submitted_years=1,
        scope="conditions",
        in_progress=False,
        base=2.2,
    )
    _series(
        charter,
        charter_leader,
        _team(charter, charter_leader, [], rng),
        rng,
        this_year=this_year,
        submitted_years=0,
        scope="capacities",
    )
    _series(
        region,
        region_lead,
        _team(region, region_lead, [], rng),
        rng,
        this_year=this_year,
        submitted_years=0,
        scope="conditions",
    )
    _series(
        state,
        state_admin,
        _team(state, state_admin, [], rng),
        rng,
        this_year=this_year,
        submitted_years=1,
        scope="conditions",
        in_progress=False,
        base=2.5,
    )

    _reciprocal(fresno_coe, urban, coe_team, urban_team, rng, this_year - 1, both_submit=True)
    _reciprocal(fresno_coe, rural, coe_team, rural_team, rng, this_year - 1, both_submit=False)
    context.notes["assessments"] = Assessment.objects.count()
