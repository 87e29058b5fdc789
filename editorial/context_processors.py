"""Navigation every page needs: the sections, in the reader's language.

The list changes only when an editor publishes, unpublishes, moves or deletes a section, so it is
kept in the cache and dropped by those events (editorial.signals): the cache every process shares
(Redis, or files on one machine), or the drop would reach only the process that made it.
Querying it on every page cost 300 ms at 200,000 articles: SQLite walked the whole page tree in
path order to find four rows.
"""
from django.core.cache import cache
from django.utils.translation import get_language

from .models import SectionPage

NAV_CACHE_KEY = "editorial:nav-sections:v1"
NAV_CACHE_SECONDS = 600


def sections_for_navigation() -> list[tuple[str, str, str]]:
    sections = cache.get(NAV_CACHE_KEY)
    if sections is None:
        sections = [(s.url, s.title, s.title_ru)
                    for s in SectionPage.objects.live().public().in_menu().order_by("path")]
        # Dropped when a section changes; the timeout only bounds a change made behind the site's
        # back (a restored backup).
        cache.set(NAV_CACHE_KEY, sections, timeout=NAV_CACHE_SECONDS)
    return sections


def site_navigation(request):
    russian = (get_language() or "en").startswith("ru")
    return {"nav_sections": [(url, title_ru if russian and title_ru else title)
                             for url, title, title_ru in sections_for_navigation()]}
