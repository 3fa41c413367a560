from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "trellis.support"
    label = "support"
    verbose_name = "Support"

    def ready(self) -> None:
        from trellis.orgs.sections import register_section
        from trellis.support import rules  # noqa: F401  (registers the policy rules)
        from trellis.support.sections import support_section

        register_section(support_section)
