"""Release events in the Wagtail admin, as a snippet: editors add premieres and album days, and
can take over an event that came from the catalog (see releases.forms)."""
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ReleaseEvent


class ReleaseEventViewSet(SnippetViewSet):
    model = ReleaseEvent
    icon = "date"
    menu_label = _("Release calendar")
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["title", "kind", "announced_date", "status", "origin", "is_published"]
    list_filter = ["kind", "status", "origin", "is_published"]
    # Not artists__name: a join over several matching artists would list an event twice.
    search_fields = ["title", "work__title"]
    ordering = ["-first_day", "-pk"]


register_snippet(ReleaseEventViewSet)
