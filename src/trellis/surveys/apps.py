from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "trellis.surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self) -> None:
        from trellis.surveys import results_views, rules  # noqa: F401  (policy rules; the organization-page section)
