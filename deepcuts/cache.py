"""Cache-Control for a shared page cache (nginx's proxy_cache) in front of the app servers.

A page may be kept and handed to other readers only when nothing in it belongs to the reader who
asked: no session (an editor, a password-protected page), no cookie being set (a CSRF token, a
flash message), no admin or preview, and nothing but a safe request. Such pages are marked
`public, max-age=0, s-maxage=N`: the proxy keeps them for N seconds (DEEPCUTS_PAGE_CACHE_SECONDS),
while browsers ask again each time, so a reader who logs in or switches language sees the change
at once. Everything else is marked `private, no-store`, so no cache anywhere keeps it.

`Vary: Cookie, Accept-Language` goes with every public page: the language comes from the
django_language cookie or the browser's Accept-Language, and a cache must not give a Russian
reader the English copy.

The middleware sits above the session and CSRF middleware, so it sees the cookies they add.
"""
from django.conf import settings
from django.utils.cache import patch_vary_headers

from deepcuts.security import ADMIN_PREFIXES

SAFE_METHODS = ("GET", "HEAD")
# A 304 answers a revalidation of a page the cache holds; it must renew it with the same terms.
SHAREABLE_STATUSES = (200, 304)
PRIVATE = "private, no-store"


def belongs_to_one_reader(request, response) -> bool:
    """True when the response must not be kept by any shared cache."""
    return (request.method not in SAFE_METHODS
            or request.path_info.startswith(ADMIN_PREFIXES)
            or getattr(request, "is_preview", False)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "Authorization" in request.headers
            or bool(response.cookies))


class PageCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if belongs_to_one_reader(request, response):
            response.headers["Cache-Control"] = PRIVATE
        elif (response.status_code in SHAREABLE_STATUSES and "Cache-Control" not in response.headers
              and settings.DEEPCUTS_PAGE_CACHE_SECONDS > 0):
            # A view that set its own Cache-Control (never_cache, a feed) knows better; keep it.
            response.headers["Cache-Control"] = (
                f"public, max-age=0, s-maxage={settings.DEEPCUTS_PAGE_CACHE_SECONDS}")
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response
