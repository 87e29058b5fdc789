from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from api.urls import api
from catalog import urls as catalog_urls
from editorial import urls as editorial_urls
from releases import urls as releases_urls
from search import urls as search_urls
from submissions import urls as submissions_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap),
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
