"""The moderation queue in the Wagtail admin menu, and its permission on the group screen so the
lead can give it to the editors' group (Settings → Groups → "Can moderate reader submissions")."""
from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import MODERATE


class ModeratorsOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE)


@hooks.register("register_admin_urls")
def register_submission_urls():
    return [path("submissions/", include(admin_urls, namespace="submissions_admin"))]


@hooks.register("register_admin_menu_item")
def register_submissions_menu_item():
    return ModeratorsOnlyMenuItem(_("Reader submissions"), reverse("submissions_admin:queue"),
                                  icon_name="mail", order=150)


@hooks.register("register_permissions")
def register_moderation_permission():
    return Permission.objects.filter(content_type__app_label="submissions", codename="moderate_submission")
