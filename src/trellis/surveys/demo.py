"""Demo step: three annual survey waves for the demo state, and two windows open now.

* Spring 2024, 2025 and 2026 (closed): the state surveys every school in Fresno County and a sample of
  schools across California. Each school has a latent climate that **improves, declines or stays
  flat** from wave to wave (`context.notes["survey_trends"]`), an element profile of its own, and a
  response rate between 40% and 95%. Answers follow a Rasch rating-scale model, so the scoring core
  has something honest to recover.
* Open now: Fresno Unified's confidential window for its schools (roster from the staff rosters,
  invitations written to the outbox, about a third answered) and the Fresno County Office of
  Education's anonymous window for its own staff.

Vectorized with NumPy and written with bulk_create; it takes a few seconds.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import numpy as np
from django.db import transaction
from django.db.models import Count

from trellis.demo.pipeline import DemoContext
from trellis.orgs.models import Kind, Organization, StaffMember
from trellis.surveys import actions
from trellis.surveys.instruments import instrument_for
from trellis.surveys.models import Invitation, Mode, Participant, Response, SurveyWindow

STATE_SAMPLE = 300  # schools outside Fresno County in the statewide waves
WAVES = (2024, 2025, 2026)
TRENDS = {"improve": 0.35, "flat": 0.0, "decline": -0.35}  # change in mean logit per year
TREND_SHARES = (0.3, 0.5, 0.2)
# Rating-scale thresholds (logits) for the five options; a typical spread for 5-point items.
THRESHOLDS = np.array([-1.8, -0.6, 0.4, 1.6])
ROLE_SHARES = np.array([0.62, 0.08, 0.24, 0.04, 0.02])  # as orgs.demo's ROLE_MIX: teacher, counselor, …
TENURE_SHARES = np.array([0.1, 0.17, 0.23, 0.22, 0.28])
COMMENTS = [
    "We need more time to meet as grade-level teams.",
    "Our principal listens and follows through.",
    "Data meetings feel like compliance, not learning.",
    "Necesitamos más tiempo para colaborar entre colegas.",
    "Los cambios se anuncian sin preguntar a quienes los van a aplicar.",
    "Professional learning this year was practical and useful.",
]


def rating_scale_draws(rng: np.random.Generator, theta: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """Draw 1–5 answers: P(X = k) ∝ exp(Σ_{j<k} (θ − δ_i − τ_j)) (Andrich, 1978, rating scale model).

    theta: (n, items) person-by-item locations (person ability plus element effects); delta: (items,).
    """
    steps = theta[:, :, None] - delta[None, :, None] - THRESHOLDS[None, None, :]
    logits = np.concatenate([np.zeros((*theta.shape, 1)), np.cumsum(steps, axis=2)], axis=2)
    logits -= logits.max(axis=2, keepdims=True)
    probs = np.exp(logits)
    cumulative = np.cumsum(probs / probs.sum(axis=2, keepdims=True), axis=2)
    u = rng.random(theta.shape)[:, :, None]
    draws: np.ndarray = (u > cumulative).sum(axis=2).astype(np.uint8) + 1
    return draws


def _schools(context: DemoContext) -> list[int]:
    fresno = list(
        Organization.objects.filter(kind=Kind.SCHOOL, status="active", county_name="Fresno")
        .order_by("id")
        .values_list("id", flat=True)
    )
    others = list(
        Organization.objects.filter(kind=Kind.SCHOOL, status="active", staff__isnull=False)
        .exclude(county_name="Fresno")
        .distinct()
        .order_by("id")
        .values_list("id", flat=True)
    )
    rng = context.child_rng("surveys.sample")
    return fresno + sorted(rng.sample(others, min(STATE_SAMPLE, len(others))))


@transaction.atomic
def demo_surveys(context: DemoContext) -> None:
    rng = np.random.default_rng(context.seed + 4)
    state = Organization.objects.get(kind=Kind.STATE)
    school_ids = _schools(context)
    staff = dict(
        StaffMember.objects.filter(organization_id__in=school_ids)
        .values("organization_id")
        .annotate(n=Count("id"))
        .values_list("organization_id", "n")
    )
    instrument = instrument_for("school")
    n_items = len(instrument.item_ids)
    elements = np.array([".".join(i.split(".")[:2]) for i in instrument.item_ids])
    element_ids = {e: k for k, e in enumerate(dict.fromkeys(elements))}
    item_element = np.array([element_ids[e] for e in elements])
    delta = rng.normal(0.0, 0.6, n_items)

    n_orgs = len(school_ids)
    trend_names = list(TRENDS)
    trend = rng.choice(len(trend_names), size=n_orgs, p=TREND_SHARES)
    slope = np.array([TRENDS[trend_names[t]] for t in trend]) + rng.normal(0, 0.05, n_orgs)
    base = rng.normal(0.2, 0.5, n_orgs)
    profile = rng.normal(0.0, 0.3, (n_orgs, len(element_ids)))
    base_rate = rng.uniform(0.45, 0.9, n_orgs)
    headcount = np.array([staff.get(o, 30) for o in school_ids])
    context.notes["survey_trends"] = {o: trend_names[t] for o, t in zip(school_ids, trend, strict=True)}

    windows: list[int] = []
    for wave, year in enumerate(WAVES):
        window = SurveyWindow.objects.create(
            owner=state,
            title=f"Statewide staff survey, spring {year}",
            instrument=instrument,
            mode=Mode.CONFIDENTIAL,
            opens_on=date(year, 3, 1),
            closes_on=date(year, 3, 28),
            closed=True,
        )
        windows.append(window.pk)
        invited = np.maximum(4, np.round(headcount * rng.uniform(0.95, 1.05, n_orgs))).astype(int)
        rate = np.clip(base_rate + rng.normal(0, 0.05, n_orgs), 0.40, 0.95)
        answered = np.minimum(invited, np.round(invited * rate)).astype(int)
        Participant.objects.bulk_create(
            [
                Participant(window=window, organization_id=o, final_invited=int(n))
                for o, n in zip(school_ids, invited, strict=True)
            ],
            batch_size=2000,
        )
        org_of = np.repeat(np.arange(n_orgs), answered)
        mean = base[org_of] + slope[org_of] * wave
        theta = (mean + rng.normal(0, 1, len(org_of)))[:, None] + profile[org_of][:, item_element]
        matrix = rating_scale_draws(rng, theta, delta)
        matrix[rng.random(matrix.shape) < 0.02] = 0  # skipped questions
        roles = rng.choice(5, size=len(org_of), p=ROLE_SHARES)
        tenures = rng.choice(5, size=len(org_of), p=TENURE_SHARES)
        no_role = rng.random(len(org_of)) < 0.08
        no_tenure = rng.random(len(org_of)) < 0.06
        comment = rng.random(len(org_of)) < 0.04
        comment_pick = rng.integers(0, len(COMMENTS), len(org_of))
        Response.objects.bulk_create(
            [
                Response(
                    id=uuid.UUID(bytes=rng.bytes(16), version=4),
                    window_id=window.pk,
                    organization_id=school_ids[org_of[r]],
                    answers=matrix[r].tobytes(),
                    role=None if no_role[r] else int(roles[r]),
                    tenure=None if no_tenure[r] else int(tenures[r]),
                    comment=COMMENTS[comment_pick[r]] if comment[r] else "",
                )
                for r in range(len(org_of))
            ],
            batch_size=5000,
        )
    context.notes["survey_windows"] = windows
    _open_windows(context, rng)


def _open_windows(context: DemoContext, rng: np.random.Generator) -> None:
    fresno_unified = (
        Organization.objects.filter(kind=Kind.LEA, county_name="Fresno")
        .exclude(lea_type="charter")
        .annotate(n=Count("children"))
        .order_by("-n")
        .first()
    )
    fresno_coe = Organization.objects.get(kind=Kind.COE, county_name="Fresno")
    assert fresno_unified is not None
    today = context.today
    window = actions.window_open(
        owner=fresno_unified,
        title=f"Fresno Unified staff survey, fall {today.year}",
        level="school",
        mode=Mode.CONFIDENTIAL,
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=14),
        population=list(Organization.objects.filter(kind=Kind.SCHOOL, lea=fresno_unified, status="active")),
    )
    actions.roster_from_staff(window, user=None)
    Invitation.objects.filter(window=window).update(invited_on=today - timedelta(days=7))
    # About a third have answered so far (rates vary by school); only the completed flag marks them.
    people = list(Invitation.objects.filter(window=window).values_list("id", "organization_id"))
    rates = {org: rng.uniform(0.15, 0.6) for org in {o for _, o in people}}
    done = [(pk, org) for pk, org in people if rng.random() < rates[org]]
    Invitation.objects.filter(id__in=[pk for pk, _ in done]).update(completed=True)
    n_items = len(window.instrument.item_ids)
    theta = rng.normal(0.3, 1.0, (len(done), 1)) + np.zeros((1, n_items))
    matrix = rating_scale_draws(rng, theta, rng.normal(0, 0.6, n_items))
    Response.objects.bulk_create(
        [Response(window=window, organization_id=org, answers=matrix[i].tobytes()) for i, (_, org) in enumerate(done)],
        batch_size=5000,
    )
    actions.window_open(
        owner=fresno_coe,
        title=f"Fresno County Office of Education staff survey, fall {today.year}",
        level="coe",
        mode=Mode.ANONYMOUS,
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=18),
        population=[fresno_coe],
    )


def demo_survey_results(context: DemoContext) -> None:
    """Score the three statewide waves as one series (benchmark: spring 2024) and store the results."""
    from trellis.surveys.scoring import score_windows

    windows = list(SurveyWindow.objects.filter(pk__in=context.notes["survey_windows"]))
    result_set = score_windows(windows, title="Statewide staff survey, spring 2024–2026")
    context.notes["survey_result_set"] = result_set.pk
