"""The Wagtail site a request is for, and its home page, without two queries per request.

Wagtail looks the site up on every request (one query over the sites joined to their root
pages) and then reads the root page's specific row (a second query), keeping both only for that
request. Sites and the home page change about never, so they are kept in the cache, as Wagtail
keeps its site root paths, and dropped when a site or a home page is saved, published or deleted
(editorial.signals). The cache hands out a fresh copy on every read (values are pickled), so a
request cannot change what the next one sees.
"""
from django.core.cache import cache
from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site

SITES_CACHE_KEY = "editorial:sites:v1"
# A bound on a change made behind the site's back (a restored backup); edits drop the entry.
SITES_CACHE_SECONDS = 300


def cached_sites() -> list[Site]:
    sites = cache.get(SITES_CACHE_KEY)
    if sites is None:
        sites = list(Site.objects.select_related("root_page").order_by("pk"))
        for site in sites:
            site.root_page = site.root_page.specific
        cache.set(SITES_CACHE_KEY, sites, timeout=SITES_CACHE_SECONDS)
    return sites


def forget_sites() -> None:
    cache.delete(SITES_CACHE_KEY)


def site_for(hostname: str, port: int, sites: list[Site]) -> Site | None:
    """The site Wagtail's `get_site_for_hostname` would choose, from the list in memory:
    hostname and port, then hostname on the default site, then the default site unless exactly
    one other site has the hostname, then the only site with the hostname."""
    def match(site):
        if site.hostname == hostname and site.port == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    candidates = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=match)
    if not candidates:
        return None
    if len(candidates) == 1 or match(candidates[0]) in (0, 1):
        return candidates[0]
    if match(candidates[0]) == 2:
        return candidates[len(candidates) == 2]
    return None


class CachedSiteMiddleware:
    """Gives each request for a page its site (`request._wagtail_site`, which Wagtail's
    `Site.find_for_request` reads first) from the cached list: Wagtail pages need it to route,
    and catalog pages need it for every `{% pageurl %}` of the articles they list. The JSON API
    is left to Wagtail's own look-up, made only if an answer asks for the site (its schema,
    for one, is served without a database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match and request.resolver_match.namespace == "api":
            return None
        hostname = split_domain_port(request._get_raw_host())[0]
        try:
            port = int(request.get_port())
        except ValueError:  # a forwarded port that is no number matches no site's port
            port = -1
        try:
            sites = cached_sites()
        except DatabaseError:
            return None  # the view meets the same error, where the 503 page is made
        request._wagtail_site = site_for(hostname, port, sites)
