"""The JSON API. Each domain contributes a router; register it here, one line each."""

from __future__ import annotations

from django.urls import path
from ninja import NinjaAPI

from trellis.api.auth import SessionAuth, TokenAuth
from trellis.improvement.api import router as improvement_router
from trellis.networks.api import router as networks_router
from trellis.orgs.api import router as orgs_router
from trellis.outcomes.api import router as outcomes_router
from trellis.support.api import router as support_router
from trellis.surveys.api import router as surveys_router

api = NinjaAPI(
    title="Trellis API",
    version="1",
    description="Organizations, outcomes, surveys (aggregated and suppressed), improvement work and support. "
    "Every endpoint answers under the same authorization policy as the pages.",
    auth=[SessionAuth(), TokenAuth()],
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/orgs", orgs_router, tags=["organizations"])
api.add_router("/improvement", improvement_router, tags=["improvement"])
api.add_router("/support", support_router, tags=["support"])
api.add_router("/networks", networks_router, tags=["networks"])
api.add_router("/outcomes", outcomes_router, tags=["outcomes"])
api.add_router("/surveys", surveys_router, tags=["surveys"])

urlpatterns = [path("v1/", api.urls)]
