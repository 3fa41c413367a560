from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "trellis.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from trellis.orgs.sections import register_section
        from trellis.reports.sections import needs_section

        register_section(needs_section)
