from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def after_migrate(sender, using="default", **kwargs):
    """Permissions of apps listed after this one are created by their own post_migrate, which
    has not run yet; create them all first (it is idempotent), then fill in the roles."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .setup import ensure_roles

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


def on_page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .setup import grant_on_new_page

        grant_on_new_page(instance)


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Roles and permissions")

    def ready(self):
        from wagtail.models import Page

        from editorial.models import SectionPage

        post_migrate.connect(after_migrate, sender=self, dispatch_uid="roles-after-migrate")
        # The tree's root is a plain Page; sections are SectionPages (post_save names the class).
        for model in (Page, SectionPage):
            post_save.connect(on_page_created, sender=model, dispatch_uid=f"roles-new-{model.__name__}")
