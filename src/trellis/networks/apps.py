from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "trellis.networks"
    label = "networks"
    verbose_name = "Networks"

    def ready(self) -> None:
        from trellis.networks import rules  # noqa: F401  (registers the policy rules)
        from trellis.networks.sections import networks_section
        from trellis.orgs.sections import register_section

        register_section(networks_section)
