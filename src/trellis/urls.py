"""The site's URLs. Each domain app contributes its own `urls.py`; every view asks the policy."""

from django.urls import include, path
from django.views.i18n import set_language

from trellis.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("trellis.accounts.urls")),
    path("orgs/", include("trellis.orgs.urls")),
    path("framework/", include("trellis.framework.urls")),
    path("assessments/", include("trellis.assessments.urls")),
    path("improvement/", include("trellis.improvement.urls")),
    path("support/", include("trellis.support.urls")),
    path("networks/", include("trellis.networks.urls")),
    path("reports/", include("trellis.reports.urls")),
    path("", include("trellis.surveys.urls")),
    path("outcomes/", include("trellis.outcomes.urls")),
    path("api/", include("trellis.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]
