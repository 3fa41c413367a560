from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "trellis.outcomes"
    label = "outcomes"
    verbose_name = "Dashboard outcomes"

    def ready(self) -> None:
        from trellis.outcomes import rules  # noqa: F401  (registers the policy rules)
