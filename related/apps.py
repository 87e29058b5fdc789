from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "related"
    verbose_name = "Related reading"

    def ready(self):
        from . import signals  # noqa: F401
