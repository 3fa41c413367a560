from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "trellis.networks"
    label = "networks"
    verbose_name = "Networks"

    def ready(self) -> None:
        from trellis.networks import rules  # noqa: F401  (registers the policy rules)
