from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "trellis.orgs"
    label = "orgs"
    verbose_name = "Organizations"

    def ready(self) -> None:
        from trellis.orgs import rules  # noqa: F401  (registers the policy rules)
