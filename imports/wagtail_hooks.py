from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("imports/", include(urls, namespace="imports"))]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(_("Import articles"), reverse("imports:index"), icon_name="download", order=140)
