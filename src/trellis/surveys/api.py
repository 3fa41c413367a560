"""Survey results in the JSON API: an organization's published measure scores by wave.

Only what scoring published, only to viewers the policy allows (its leaders and the leaders above it);
a hidden cell says why and carries no count, score or percent. Never a response or a comment.
"""
# No `from __future__ import annotations` here: django-ninja reads the annotations at run time.

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from trellis.accounts import policy
from trellis.api.params import NOT_FOUND, ObjectId, Pagination
from trellis.orgs.models import Organization
from trellis.surveys import results
from trellis.surveys.models import OrgResult

router = Router()


class ScoreOut(Schema):
    kind: str = Field(description="'measure' (a framework element) or 'condition'.")
    code: str
    score: int = Field(description="1–99; 50 is the benchmark, 20 points one standard deviation.")
    band: str
    n: int
    se: float | None = Field(description="Standard error of the score, in points.")
    change: float | None = Field(description="Points since the previous wave (both waves published).")
    change_se: float | None
    direction: str = Field(description="'improved', 'declined', 'no clear change', or '' without a prior wave.")


class CellOut(Schema):
    result_set: int
    window: int
    wave: str
    published: bool
    reason: str = Field(description="published, below_k, complementary, too_few_units or no_respondents.")
    n: int | None = Field(description="Respondents; only when published.")
    invited: int | None
    low_confidence: bool = Field(description="Response rate below 50%: published, to be read with caution.")
    percent_favorable: dict[str, float] = Field(description="Item id → percent favorable; only when published.")
    scores: list[ScoreOut]


@router.get(
    "/orgs/{org_id}/scores",
    response={200: list[CellOut], **NOT_FOUND},
    summary="An organization's survey measure scores (suppressed)",
)
@paginate(Pagination)
def list_scores(request: HttpRequest, org_id: ObjectId) -> list[dict[str, object]]:
    org = policy.get_object_or_404_for(request.user, "org.view", Organization.objects.all(), pk=org_id)
    if not results.may_view(request.user, org):
        raise Http404
    result_set = results.latest_result_set(org)
    if result_set is None:
        return []
    cells: QuerySet[OrgResult] = (
        OrgResult.objects.filter(result_set=result_set, organization=org)
        .select_related("window")
        .prefetch_related("scores")
        .order_by("window__opens_on", "window_id")
    )
    return [
        {
            "result_set": result_set.pk,
            "window": c.window_id,
            "wave": c.window.title,
            "published": c.published,
            "reason": c.reason,
            "n": c.n if c.published else None,
            "invited": c.invited,
            "low_confidence": c.low_confidence,
            "percent_favorable": c.items if c.published else {},
            "scores": [
                {
                    "kind": s.kind,
                    "code": s.code,
                    "score": s.score,
                    "band": s.band,
                    "n": s.n,
                    "se": s.se,
                    "change": s.change,
                    "change_se": s.change_se,
                    "direction": s.direction,
                }
                for s in sorted(c.scores.all(), key=lambda s: (s.kind, s.code))
            ]
            if c.published
            else [],
        }
        for c in cells
    ]
