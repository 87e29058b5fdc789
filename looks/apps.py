from django.apps import AppConfig


class LooksConfig(AppConfig):
    name = "looks"
    verbose_name = "Video looks"

    def ready(self):
        from . import signals  # noqa: F401
