from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import may_see_changes


class CatalogChangesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_changes(request.user)


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [path("catalog-changes/", include(urls, namespace="audit"))]


@hooks.register("register_reports_menu_item")
def register_catalog_changes_menu_item():
    return CatalogChangesMenuItem(_("Catalog changes"), reverse("audit:changes"), name="catalog-changes",
                                  icon_name="history", order=990)
