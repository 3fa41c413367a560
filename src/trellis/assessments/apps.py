from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "trellis.assessments"
    label = "assessments"
    verbose_name = "Self-assessments"

    def ready(self) -> None:
        from trellis.assessments import rules, sections  # noqa: F401  (register the policy rule and the page section)
