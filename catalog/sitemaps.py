"""The catalog in the sitemap: every music video, work and person has a page worth finding."""
from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from editorial.sitemaps import URLS_PER_FILE

from .models import Person, Work


class CatalogSitemap(Sitemap):
    limit = URLS_PER_FILE

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        """For the index: one aggregate, where Django's default reads every row to take the max."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class WorkSitemap(CatalogSitemap):
    def items(self):
        return Work.objects.only("slug", "kind", "updated_at").order_by("pk")


class PersonSitemap(CatalogSitemap):
    def items(self):
        return Person.objects.only("slug", "updated_at").order_by("pk")
