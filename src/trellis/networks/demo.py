"""Demo step: the Central Valley Improvement Network, hosted by the Fresno county office."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from trellis.accounts.models import Membership, User
from trellis.demo.pipeline import DemoContext
from trellis.networks.actions import (
    attendance_record,
    consultancy_note_add,
    convening_create,
    library_entry_create,
    member_add,
    network_create,
    team_create,
)
from trellis.networks.models import ConveningKind, EntryKind
from trellis.orgs.models import Kind, Organization

# (kind, title, body, contributor: 'urban' | 'rural' | 'charter' | 'school' | 'host')
LIBRARY = [
    (
        EntryKind.CHANGE_IDEA,
        "Call home on the second absence",
        (
            "A caring call from a familiar adult after the second absence in a month, using a short "
            "script that asks what would help the child come to school."
        ),
        "urban",
    ),
    (
        EntryKind.LESSON,
        "Attendance letters that do not threaten",
        (
            "Replacing the legal-warning letter with a friendly letter that compares the child's "
            "attendance with classmates' cut repeat absences; the old letter made families defensive."
        ),
        "urban",
    ),
    (
        EntryKind.CHANGE_IDEA,
        "Walking school bus",
        "Parent volunteers walk a route each morning and pick up kindergarteners who live within a mile of school.",
        "school",
    ),
    (
        EntryKind.CHANGE_IDEA,
        "Daily number talks",
        (
            "Open every math lesson in grades 6–8 with a ten-minute number talk on ratios; students "
            "explain strategies aloud."
        ),
        "rural",
    ),
    (
        EntryKind.LESSON,
        "Co-planning beats pull-out",
        (
            "Special education and general education teachers who planned together weekly kept students "
            "with IEPs in core classes; pull-out schedules kept breaking the plan."
        ),
        "school",
    ),
    (
        EntryKind.CHANGE_IDEA,
        "Reclassification conferences",
        (
            "Meet each long-term English learner and their family every semester to review progress "
            "toward each reclassification criterion."
        ),
        "charter",
    ),
    (
        EntryKind.LESSON,
        "Restorative circles need protected time",
        (
            "Circles reduced suspensions for defiance only in classrooms where the master schedule "
            "protected time for them."
        ),
        "urban",
    ),
    (
        EntryKind.CHANGE_IDEA,
        "Family advisory in Spanish first",
        (
            "Hold ELAC and family advisory meetings in Spanish with English interpretation, not the "
            "reverse; attendance doubled."
        ),
        "rural",
    ),
    (
        EntryKind.LESSON,
        "Start with one grade",
        (
            "Testing a change in one kindergarten classroom first let the team fix the routine before "
            "spreading it; spreading too early stalled."
        ),
        "host",
    ),
    (
        EntryKind.CHANGE_IDEA,
        "A–G audit at the end of ninth grade",
        "Counselors review every ninth grader's transcript for A–G gaps in June and schedule summer credit recovery.",
        "charter",
    ),
]


def _demo_org(email: str) -> Organization:
    return Membership.objects.select_related("organization").get(user__email=email).organization


@transaction.atomic
def demo_networks(context: DemoContext) -> None:
    rng = context.child_rng("networks")
    start = date(context.today.year - 1, 8, 15)
    host = Organization.objects.get(kind=Kind.COE, county_name="Fresno")
    orgs = {
        "host": host,
        "urban": _demo_org("district.leader@demo.trellis.test"),
        "rural": _demo_org("rural.leader@demo.trellis.test"),
        "charter": _demo_org("charter.leader@demo.trellis.test"),
        "school": _demo_org("principal@demo.trellis.test"),
    }
    network = network_create(
        name="Central Valley Improvement Network",
        host=host,
        purpose="Districts, charters and schools across the Central Valley test change ideas together to cut chronic "
        "absenteeism and raise achievement for students with disabilities and English learners.",
        joined_on=start,
    )
    members = [orgs["urban"], orgs["rural"], orgs["charter"], orgs["school"]]
    for county in ("Madera", "Kings", "Tulare"):
        lea = (
            Organization.objects.filter(kind=Kind.LEA, county_name=county)
            .exclude(lea_type="charter")
            .order_by("name")
            .first()
        )
        if lea is not None:
            members.append(lea)
    for org in members:
        member_add(network=network, organization=org, joined_on=start)
    people = {u.email: u for u in User.objects.filter(email__endswith="@demo.trellis.test")}
    team_create(
        network=network,
        organization=orgs["urban"],
        name="District attendance team",
        focus="Chronic absenteeism of students with disabilities in grades K–3",
        people=[people["district.leader@demo.trellis.test"]],
    )
    team_create(
        network=network,
        organization=orgs["school"],
        name="School improvement team",
        focus="Kindergarten and first-grade attendance",
        people=[people["principal@demo.trellis.test"], people["teacher@demo.trellis.test"]],
    )
    team_create(
        network=network,
        organization=orgs["rural"],
        name="Math team",
        focus="Ratios and proportional reasoning in grades 6–8",
    )
    convenings = [
        convening_create(
            network=network,
            title="Fall summit: seeing the system",
            kind=ConveningKind.SUMMIT,
            held_on=start + timedelta(days=40),
            location="Fresno County Superintendent of Schools",
            agenda=(
                "Welcome and norms\nData walk: chronic absenteeism by student group\nFishbone diagrams by"
                " team\nPlanning first PDSA cycles"
            ),
        ),
        convening_create(
            network=network,
            title="Winter consultancy",
            kind=ConveningKind.CONSULTANCY,
            held_on=start + timedelta(days=150),
            location="Online",
            agenda="Consultancy protocol: two presenting teams\nCritical-friend feedback\nReflection and next steps",
        ),
        convening_create(
            network=network,
            title="Spring summit: what spread",
            kind=ConveningKind.SUMMIT,
            held_on=start + timedelta(days=260),
            location="Visalia",
            agenda="Gallery walk of run charts\nWhat worked, what did not\nChoosing ideas to spread next year",
        ),
    ]
    for convening in convenings:
        for org in [host, *members]:
            if rng.random() < 0.85:
                attendance_record(convening=convening, organization=org, people=rng.randint(2, 6))
    consultancy_note_add(
        convening=convenings[1],
        presenting=orgs["urban"],
        focusing_question=(
            "How do we keep families of students with disabilities engaged after the first attendance call?"
        ),
        warm_feedback="The call script is warm and specific; the run chart shows a clear shift after week six.",
        cool_feedback="Who makes the call when the case manager is out? Have families been asked what would help?",
        next_steps="Test a shared call rota in two schools; run five empathy interviews with families.",
    )
    consultancy_note_add(
        convening=convenings[1],
        presenting=orgs["rural"],
        focusing_question="Number talks work in one classroom; how do we spread them with one math teacher per grade?",
        warm_feedback="Students' explanations in the videos are impressive.",
        cool_feedback="Spreading may need a different routine for combination classes.",
        next_steps="Pair the two teachers for peer observation each month.",
    )
    for kind, title, body, who in LIBRARY:
        library_entry_create(network=network, kind=kind, title=title, body=body, contributed_by=orgs[who])
