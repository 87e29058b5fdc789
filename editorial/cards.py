"""Article cards: what a listing shows of an article, read as plain values.

Every listing (the home page, sections, tags, a video's or a person's articles, related reading)
shows the same card: title, link, date, views and teaser. Read as page objects, a card cost more
than the query that found it: an article has some fifty columns over two tables, and Django
compiles, fetches and builds every one of them, then `{% pageurl %}` works out the link. A card
asks for the eight values it shows, and its link comes from the page's URL path.
"""
import dataclasses
import datetime

from wagtail.models import Site

from .text import cut_at_word

# The same columns from an article or, with a prefix, from a row that points at one.
FIELDS = ("pk", "title", "url_path", "path", "language", "date", "teaser", "stats__views")


class PageUrls:
    """Page URLs from `url_path` without a query per page, as `Page.get_url()` makes them:
    relative with one site, absolute with several."""

    def __init__(self):
        self.roots = Site.get_site_root_paths()

    def url(self, url_path: str) -> str | None:
        for root in self.roots:
            if url_path.startswith(root.root_path):
                path = "/" + url_path[len(root.root_path):]
                return path if len(self.roots) == 1 else root.root_url + path
        return None


@dataclasses.dataclass(frozen=True, slots=True)
class ArticleCard:
    pk: int
    title: str
    url: str
    path: str        # the page's place in the tree, for grouping by section
    language: str
    date: datetime.date
    teaser: str
    views: int

    def short_teaser(self, limit: int = 160) -> str:
        return cut_at_word(self.teaser, limit)

    def get_language_display(self) -> str:
        from .models import Language

        return Language(self.language).label


def fields(prefix: str = "") -> list[str]:
    """The card's columns, as seen from a model whose `prefix` leads to the article."""
    return [prefix + name for name in FIELDS]


def card(values, urls: PageUrls) -> ArticleCard | None:
    """A card from `fields()`' values in order; None for a page on no site (it has no link)."""
    pk, title, url_path, path, language, date, teaser, views = values
    url = urls.url(url_path)
    if url is None:
        return None
    return ArticleCard(pk, title, url, path, language, date, teaser, views or 0)


def cards(articles) -> list[ArticleCard]:
    """The cards of a queryset of articles, in its order and within its slice."""
    return cards_of(articles.values_list(*FIELDS))


def cards_of(rows) -> list[ArticleCard]:
    """The cards of rows of `fields()`' values, such as a compiled query returns."""
    urls = PageUrls()
    found = (card(values, urls) for values in rows)
    return [c for c in found if c is not None]
