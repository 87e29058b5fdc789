from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def after_migrate(sender, using="default", **kwargs):
    """post_migrate comes once per app with models (this one has none); act on the last one,
    when every app is migrated. Its own permissions may be created by a receiver that runs
    after this one, so create them all first (that is idempotent)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from .setup import ensure_roles

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    for app_config in with_models:
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

        post_migrate.connect(after_migrate, dispatch_uid="roles-after-migrate")
        # The tree's root is a plain Page; sections are SectionPages (post_save names the class).
        for model in (Page, SectionPage):
            post_save.connect(on_page_created, sender=model, dispatch_uid=f"roles-new-{model.__name__}")
