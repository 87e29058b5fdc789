"""The catalog in the Wagtail admin: people and works as snippets with their inline rows."""
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Person, Work


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "People and groups"
    list_display = ["name", "kind", "country", "disambiguation"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "names__name"]


class WorkViewSet(SnippetViewSet):
    model = Work
    icon = "media"
    menu_label = "Works"
    list_display = ["title", "kind", "release_year", "release_status"]
    list_filter = ["kind", "release_status"]
    search_fields = ["title", "titles__title"]


class CatalogGroup(SnippetViewSetGroup):
    menu_label = "Catalog"
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (PersonViewSet, WorkViewSet)


register_snippet(CatalogGroup)
