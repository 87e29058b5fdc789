from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import VideoLook


class VideoLookViewSet(SnippetViewSet):
    model = VideoLook
    icon = "media"
    menu_label = "Video looks"
    menu_order = 155
    add_to_admin_menu = True
    list_display = ["work", "status", "shots_per_minute", "updated_at"]
    list_filter = ["status"]


register_snippet(VideoLookViewSet)
