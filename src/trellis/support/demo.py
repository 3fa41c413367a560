"""Demo step: county offices in the Central Valley support their LEAs; recipients rate the support.

Fresno County Superintendent of Schools (the demo county office) supports the demo district, the
small rural district and the charter, among others; neighbouring county offices support their own
LEAs, so that providers can be compared. Feedback respondents are synthetic (negative ids, hashed
like real ones).
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from django.db import transaction

from trellis.accounts.models import Membership
from trellis.demo.pipeline import DemoContext
from trellis.orgs.models import Kind, Organization
from trellis.support.actions import activity_add, engagement_close, engagement_create, feedback_submit
from trellis.support.core.feedback import ITEM_IDS
from trellis.support.models import ActivityKind, Engagement, EngagementStatus

# (title, problem of practice, student groups, priorities, framework elements)
PROBLEMS = [
    (
        "Chronic absenteeism of students with disabilities",
        "Students with disabilities miss school far more than their peers; a third were chronically absent last year.",
        ["SWD"],
        [5],
        ["collaboration.stakeholder-engagement", "collaboration.data-infrastructure"],
    ),
    (
        "Mathematics in grades 6–8",
        "Middle schoolers struggle with ratios and proportional reasoning; most score in the lowest band.",
        ["ALL", "SED"],
        [4],
        ["preparation.professional-learning"],
    ),
    (
        "English learner progress",
        "Long-term English learners rarely meet the criteria for reclassification before high school.",
        ["EL", "LTEL"],
        [4],
        ["purpose.equity-focus"],
    ),
    (
        "Suspensions of African American students",
        "Black students are suspended at three times the rate of their peers, mostly for defiance.",
        ["AA"],
        [6],
        ["trust.relational-trust", "purpose.equity-focus"],
    ),
    (
        "Family engagement",
        "Spanish-speaking families rarely take part in school decisions or advisory committees.",
        ["EL", "HI"],
        [3],
        ["collaboration.stakeholder-engagement"],
    ),
    (
        "A–G completion",
        "Only a third of graduates complete the A–G sequence needed for UC and CSU admission.",
        ["SED", "HI"],
        [7],
        ["collaboration.breaking-silos"],
    ),
]
OUTCOMES = [
    "The district now runs its own attendance reviews every six weeks; chronic absenteeism fell by five points.",
    "Teachers kept the number-talk routine after the coaching ended; interim scores rose in two of three schools.",
    "The team's root-cause work led to a new reclassification monitoring plan owned by the district.",
    "Suspensions for defiance fell by half; the restorative practice lead trains new staff each August.",
]
NEIGHBOURS = ["Madera", "Kings", "Tulare", "Merced"]
# Each provider's typical rating (1–5): the feedback the demo draws around it.
QUALITY = {"Fresno": 4.4, "Madera": 3.6, "Kings": 4.1, "Tulare": 3.9, "Merced": 4.2}


def _school_year_start(today: date) -> date:
    return date(today.year if today.month >= 7 else today.year - 1, 8, 1)


def _demo_org(email: str) -> Organization:
    return Membership.objects.select_related("organization").get(user__email=email).organization


def _activities(rng: Random, engagement: Engagement, start: date, end: date) -> None:
    kinds = [
        ActivityKind.INQUIRY,
        ActivityKind.COACHING,
        ActivityKind.COACHING,
        ActivityKind.CONVENING,
        ActivityKind.RESOURCE,
    ]
    days = max(1, (end - start).days)
    for _ in range(rng.randint(3, 8)):
        kind = rng.choice(kinds)
        activity_add(
            engagement=engagement,
            kind=kind,
            occurred_on=start + timedelta(days=rng.randrange(days)),
            minutes=rng.choice([30, 45, 60, 90, 120, 180]),
            note={
                ActivityKind.INQUIRY: "Fishbone and empathy interviews with the improvement team.",
                ActivityKind.COACHING: "Coached the team through its next PDSA cycle.",
                ActivityKind.CONVENING: "Team attended the network convening.",
                ActivityKind.RESOURCE: "Shared a run-chart template and a sample attendance letter.",
            }[kind],
        )


def _feedback(rng: Random, engagement: Engagement, quality: float, on: date) -> None:
    for i in range(rng.randint(2, 4)):
        answers = {item: max(1, min(5, round(rng.gauss(quality, 0.7)))) for item in ITEM_IDS}
        feedback_submit(engagement=engagement, respondent_id=-(engagement.pk * 10 + i), answers=answers, today=on)


def _engage(
    rng: Random,
    provider: Organization,
    recipient: Organization,
    problem: int,
    level: int,
    start: date,
    today: date,
    *,
    closed: bool,
    planned: bool = False,
) -> Engagement:
    title, text, groups, priorities, elements = PROBLEMS[problem]
    engagement = engagement_create(
        provider=provider,
        recipient=recipient,
        level=level,
        title=title,
        problem_of_practice=text,
        goals="Measurable progress for the students named within two years, and a team that leads the work itself.",
        student_groups=groups,
        priorities=priorities,
        elements=elements,
        starts_on=start,
        status=EngagementStatus.PLANNED if planned else EngagementStatus.ACTIVE,
    )
    if planned:
        return engagement
    end = start + timedelta(days=300) if closed else today
    _activities(rng, engagement, start, end)
    quality = QUALITY.get(provider.county_name, 4.0)
    if closed:
        _feedback(rng, engagement, quality, start + timedelta(days=120))
        _feedback(rng, engagement, quality, start + timedelta(days=250))
        engagement_close(engagement=engagement, outcome_note=rng.choice(OUTCOMES), closed_on=end)
    else:
        _feedback(rng, engagement, quality, today)
    return engagement


@transaction.atomic
def demo_support(context: DemoContext) -> None:
    rng = context.child_rng("support engagements")
    today = context.today
    this_year = _school_year_start(today)
    last_year = this_year.replace(year=this_year.year - 1)
    fresno = Organization.objects.get(kind=Kind.COE, county_name="Fresno")
    urban = _demo_org("district.leader@demo.trellis.test")
    rural = _demo_org("rural.leader@demo.trellis.test")
    charter = _demo_org("charter.leader@demo.trellis.test")
    _engage(rng, fresno, urban, 0, 2, this_year, today, closed=False)
    _engage(rng, fresno, urban, 3, 2, last_year, today, closed=True)
    _engage(rng, fresno, rural, 1, 1, this_year, today, closed=False)
    _engage(rng, fresno, charter, 2, 2, this_year + timedelta(days=60), today, closed=False, planned=True)
    demo_leas = {urban.pk, rural.pk, charter.pk}
    for county in ["Fresno", *NEIGHBOURS]:
        coe = Organization.objects.get(kind=Kind.COE, county_name=county)
        leas = list(
            Organization.objects.filter(kind=Kind.LEA, coe=coe)
            .exclude(lea_type="charter")
            .exclude(pk__in=demo_leas)
            .order_by("name")[:6]
        )
        for i, lea in enumerate(leas):
            _engage(
                rng,
                coe,
                lea,
                rng.randrange(len(PROBLEMS)),
                rng.choice([1, 2, 2, 3]),
                last_year,
                today,
                closed=i % 2 == 0,
            )
    context.notes["engagements"] = Engagement.objects.count()
