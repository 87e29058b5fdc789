from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Getting the site back after a fault: database exports and restores, and background tasks
    rescued from a worker that died while running them."""

    name = "backups"
    verbose_name = _("Backups and recovery")
