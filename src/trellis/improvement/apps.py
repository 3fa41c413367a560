from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "trellis.improvement"
    label = "improvement"
    verbose_name = "Improvement projects"

    def ready(self) -> None:
        from trellis.improvement import rules, sections  # noqa: F401  (register the policy rule and the page section)
