"""The site's pages in the sitemap: Wagtail's, in files small enough to serve quickly.

Wagtail's own sitemap is one file of every live page, loaded with its specific fields; at
200,000 articles it stopped at the 50,000 URLs a sitemap file may hold (the protocol's limit)
and took 10 s. Here it is one section of the sitemap index (deepcuts.urls), paged.
"""
from django.db.models import Max
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap

# A file of this many URLs renders in about a second at scale; the index lists as many files as
# it takes, so no page is left out.
URLS_PER_FILE = 5_000


class PageSitemap(Sitemap):
    limit = URLS_PER_FILE

    def items(self):
        # The generic page rows are enough for a URL and a date: none of our page types changes
        # its sitemap entry, so the specific rows (article bodies) stay in the database.
        return (self.get_wagtail_site().root_page.get_descendants(inclusive=True)
                .live().public().order_by("path"))

    def get_latest_lastmod(self):
        """For the index: one aggregate, where Django's default reads every page to take the max."""
        return self.items().aggregate(latest=Max(Coalesce(
            "last_published_at", "latest_revision_created_at")))["latest"]
