"""The catalog in the Wagtail admin: people and works as snippets with their inline rows.

Their History is the catalog's change history (every source, field by field, with revert),
and their edit screens refuse to overwrite what someone else saved meanwhile (see audit)."""
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from audit.views import RecordedSnippetViewSet

from .choosers import choose_records
from .models import Person, Work


@hooks.register("register_admin_urls")
def register_chooser_urls():
    return [path("catalog/choose/<str:kind>/", choose_records, name="catalog_choose")]


class PersonViewSet(RecordedSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People and groups")
    list_display = ["name", "kind", "country", "disambiguation"]
    list_filter = ["kind", "country"]
    # The listing's search box searches what Person.search_fields index, other spellings included.


class WorkViewSet(RecordedSnippetViewSet):
    model = Work
    icon = "media"
    menu_label = _("Works")
    list_display = ["title", "kind", "release_year", "release_status"]
    list_filter = ["kind", "release_status"]
    # The listing's search box searches what Work.search_fields index, other titles included.


class CatalogGroup(SnippetViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (PersonViewSet, WorkViewSet)


register_snippet(CatalogGroup)
