from django.apps import AppConfig
from django.db.models.signals import post_migrate


def catch_up_with_catalog(sender, apps=None, **kwargs):
    """Works dated before the calendar existed (or changed by a bulk update) get their events.

    Runs after every migrate with the current models, which a data migration could not rely on;
    it is idempotent and writes only what differs.
    """
    from django.core.exceptions import FieldDoesNotExist

    from .sync import sync_all

    try:  # a migrate that stopped short of this app's latest migration has no table to fill
        apps.get_model("releases", "ReleaseEvent")._meta.get_field("first_day")
    except (LookupError, FieldDoesNotExist, AttributeError):
        return
    sync_all()


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Release calendar"

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(catch_up_with_catalog, sender=self)
