from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import include, path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemaps
from wagtail.documents import urls as wagtaildocs_urls

from api.urls import api
from catalog import urls as catalog_urls
from catalog.sitemaps import PersonSitemap, WorkSitemap
from editorial import urls as editorial_urls
from editorial.sitemaps import PageSitemap
from releases import urls as releases_urls
from search import urls as search_urls
from submissions import urls as submissions_urls

from .health import healthz


def switch_language(request):
    """The header's EN/RU switch: a GET, so public pages carry no CSRF token and a shared cache can
    keep them (deepcuts.cache). It sets the language cookie and returns the reader to `next` on
    this site; an unknown language changes nothing, a foreign or missing `next` leads home."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


# /sitemap.xml is the index; it names each section's files, /sitemap-<section>.xml?p=<n>.
SITEMAPS = {"pages": PageSitemap, "works": WorkSitemap(), "people": PersonSitemap()}

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/language/", switch_language, name="switch_language"),
    path("i18n/setlang/", set_language, name="set_language"),  # older pages' POST form
    path("sitemap.xml", sitemaps.index,
         {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("api/v1/", api.urls),
    path("", include(search_urls)),
    path("", include(releases_urls)),
    path("", include(submissions_urls)),
    path("", include(catalog_urls)),
    path("", include(editorial_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else: the home page, sections and articles.
urlpatterns.append(path("", include(wagtail_urls)))
