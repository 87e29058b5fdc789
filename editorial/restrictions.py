"""Which parts of the tree are behind a view restriction, kept in the shared cache.

Wagtail's `public()` asks the database for every restriction (a query joining each to its full
page row) each time a listing is filtered: three times for the home page, once for each video or
person page. Restrictions change about never, so their paths are kept in the cache and dropped
when a restriction is saved or deleted or a page moves (editorial.signals).
"""
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

RESTRICTED_PATHS_CACHE_KEY = "editorial:restricted-paths:v1"
# A bound on a change made behind the site's back (a restored backup); edits drop the entry.
RESTRICTED_PATHS_CACHE_SECONDS = 600


def read_restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction, from the database."""
    # From the primary: a replica a moment behind would have the result cached as current.
    return sorted(set(PageViewRestriction.objects.using(DEFAULT_DB_ALIAS)
                      .values_list("page__path", flat=True)))


def restricted_paths() -> list[str]:
    """The same, from the cache: for listings, read on every page."""
    paths = cache.get(RESTRICTED_PATHS_CACHE_KEY)
    if paths is None:
        paths = read_restricted_paths()
        cache.set(RESTRICTED_PATHS_CACHE_KEY, paths, timeout=RESTRICTED_PATHS_CACHE_SECONDS)
    return paths


def forget_restricted_paths() -> None:
    cache.delete(RESTRICTED_PATHS_CACHE_KEY)


class PublicPageQuerySet(PageQuerySet):
    """`public()` and `not_public()` as Wagtail's, the restricted pages read from the cache: a
    page is private when it or an ancestor carries a restriction, its path starting with that
    page's path."""

    def private_q(self, restricted: tuple[str, ...] | None = None):
        q = Q()
        for path in restricted_paths() if restricted is None else restricted:
            q |= Q(path__startswith=path)
        return q if q else Q(pk__in=[])

    def public_given(self, restricted: tuple[str, ...]):
        """`public()` for restricted paths the caller has read: a compiled query takes them as
        its shape (deepcuts.compiled), since its SQL is made once for them."""
        return self.exclude(self.private_q(restricted))


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)
