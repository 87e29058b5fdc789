from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LegalNotice


class LegalNoticeViewSet(SnippetViewSet):
    model = LegalNotice
    icon = "warning"
    menu_label = "Legal notices"
    menu_order = 160
    list_display = ["name", "active"]


register_snippet(LegalNoticeViewSet)
