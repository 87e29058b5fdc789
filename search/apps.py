from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "sitesearch"  # "search" would be easy to confuse with wagtail.search's tables
    verbose_name = "Search"

    def ready(self):
        from . import signals  # noqa: F401
