"""Navigation every page needs: the sections, in the reader's language."""
from django.utils.translation import get_language

from .models import SectionPage


def site_navigation(request):
    language = get_language() or "en"
    sections = SectionPage.objects.live().public().in_menu().order_by("path")
    return {"nav_sections": [(s.get_url(request), s.title_for(language)) for s in sections]}
