from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "trellis.framework"
    label = "framework"
    verbose_name = "Framework"
