"""Editorial pages: home, sections and articles joined to the catalog.

View counts and matched legal notices live in their own tables, not on the page: publishing a
revision rewrites every page field from the revision, which would roll counters back.
"""
import dataclasses
import functools
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction, get_page_models
from wagtail.search import index

from catalog.choosers import ChooseMany
from deepcuts.admin_forms import KnownRowsPageForm
from deepcuts.compiled import CompiledQuery
from deepcuts.snapshots import Snapshot

from .cards import cards, cards_of
from .cards import fields as card_fields
from .restrictions import PublicPageManager, restricted_paths
from .text import cut_at_word, html_to_text


class Language(models.TextChoices):
    RUSSIAN = "ru", "Русский"
    ENGLISH = "en", "English"


def restricted_at_depth(depth: int) -> RawSQL:
    """For a look-up of pages at `depth`: whether a view restriction covers the page found (on it
    or an ancestor, or on the page one of them is an alias of), as get_view_restrictions reads
    them. The ancestors' tree paths are the page's own path cut at each level, so every
    condition is an equality on an indexed path: a few index probes inside the look-up instead
    of a query of its own.

    Written as SQL because the ORM took longer to build the same subquery (1.3 ms a request)
    than the database took to run the separate query it replaces."""
    page = f'"{Page._meta.db_table}"'
    paths = ", ".join(f"SUBSTR({page}.path, 1, {Page.steplen * level})" for level in range(1, depth + 1))
    restrictions = PageViewRestriction._meta.db_table
    return RawSQL(
        f"(EXISTS (SELECT 1 FROM {restrictions} AS r JOIN {page} AS restricted ON restricted.id = r.page_id "
        f"WHERE restricted.path IN ({paths})) OR EXISTS (SELECT 1 FROM {restrictions} AS r "
        f"JOIN {page} AS alias ON alias.alias_of_id = r.page_id WHERE alias.path IN ({paths})))",
        [], output_field=models.BooleanField())


class OneQueryViewRestrictions:
    """Wagtail reads the ancestors (to resolve aliases) and then their view restrictions, two
    queries on every page served; one query does it: the restrictions on this page or an
    ancestor, or on the page one of them is an alias of. A page whose look-up already asked
    (`restricted_at_depth`, as `has_view_restrictions`) and found none needs no query at all."""

    def get_view_restrictions(self):
        if getattr(self, "has_view_restrictions", None) is False or self._unrestricted_site_root():
            # Known empty: iterating even `none()` compiles its SQL (0.5 ms) before finding out.
            nothing = PageViewRestriction.objects.none()
            nothing._result_cache = []
            return nothing
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return (PageViewRestriction.objects
                .filter(models.Q(page__path__in=paths) | models.Q(page__aliases__path__in=paths))
                .distinct())

    def _unrestricted_site_root(self) -> bool:
        """A home page that is no alias has no ancestor but the tree's root, which is none either,
        so the cached restricted paths answer for it without a query."""
        return (self.depth <= 2 and self.alias_of_id is None
                and not any(self.path.startswith(path) for path in restricted_paths()))


@functools.cache
def _default_routing() -> bool:
    """Whether every page type below the home page routes as Wagtail's Page does."""
    return all(model.route is Page.route for model in get_page_models() if model is not HomePage)


def _article_at(slug: str, depth: int, url_path: str):
    return (ArticlePage.objects.filter(slug=slug, depth=depth, url_path=url_path)
            .select_related("stats", "snapshot")
            .annotate(has_view_restrictions=restricted_at_depth(depth)).order_by("pk")[:1])


# Every article served is found by this query: its SQL is compiled once per depth, not per request.
article_at = CompiledQuery(_article_at, values={"slug": str, "url_path": str}, shape=("depth",))


class HomePage(OneQueryViewRestrictions, Page):
    intro = models.CharField(_("intro"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["editorial.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    LATEST = 8
    PER_SECTION = 4
    # The newest articles read at once: enough that every section that publishes regularly has
    # its four among them, so the page needs no query per section.
    NEWEST_READ = 60

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """The page a URL names in one query on its URL path, not one query per level.

        Wagtail walks down the tree, asking for each child by slug and then for its specific
        row; only pages whose types all route the default way can be found directly. A URL that
        names no page, or a type with its own routing, takes Wagtail's walk, so 404s and custom
        routes behave exactly as before."""
        if path_components and _default_routing():
            # A URL path is unique: it starts with the root's slug, unique among the roots.
            lookup = {"slug": path_components[-1], "depth": self.depth + len(path_components),
                      "url_path": f"{self.url_path}{'/'.join(path_components)}/"}
            page = None
            if len(path_components) == 2:
                # /section/article/: only articles live there, and they are most of what is
                # read, so the article row (with its counter and snapshot) comes in the same query.
                page = next(iter(article_at(**lookup)), None)
            if page is None:
                page = Page.objects.filter(**lookup).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        restricted = tuple(restricted_paths())
        articles = ArticlePage.objects.live().public_given(restricted).order_by("-date", "-pk")
        newest = cards_of(newest_articles(restricted=restricted))
        context["latest"] = newest[:self.LATEST]
        context["most_read"] = cards_of(most_read_articles(restricted=restricted))
        context["sections"] = []
        # The sections by id, from the cached list: asked by their place in the tree, SQLite
        # reads every page's path (a LIKE) to find the three.
        children = tuple(section.pk for path, section in sections_by_path().items()
                         if path.startswith(self.path) and section.depth == self.depth + 1)
        for section in live_sections(restricted=restricted, ids=children):
            found = [article for article in newest if article.path.startswith(section.path)]
            if len(found) < self.PER_SECTION and len(newest) == self.NEWEST_READ:
                # A quiet section: its newest are older than the site's newest; ask for them.
                # (SQLite reads the whole page tree for this, Wagtail's paths being a LIKE.)
                found = cards(articles.child_of(section)[:self.PER_SECTION])
            context["sections"].append((section, found[:self.PER_SECTION]))
        return context


class SectionPage(OneQueryViewRestrictions, Page):
    """A section such as "Deep Cuts", "News" or "Reviews"; articles live under it."""

    objects = PublicPageManager()

    title_ru = models.CharField(_("title in Russian"), max_length=100, blank=True)
    intro = models.CharField(_("intro"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("title_ru"), FieldPanel("intro")]
    parent_page_types = ["editorial.HomePage"]
    subpage_types = ["editorial.ArticlePage"]

    class Meta:
        verbose_name = _("section")

    def title_for(self, language: str) -> str:
        return self.title_ru if language.startswith("ru") and self.title_ru else self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = newest_first_page(
            ArticlePage.objects.live().public().child_of(self), request)
        return context


SECTIONS_CACHE_KEY = "editorial:sections:v1"
# A bound on staleness where the cache is not shared between processes (see editorial.sites).
SECTIONS_CACHE_SECONDS = 300


def sections_by_path() -> dict[str, SectionPage]:
    """Every section by its tree path. There are a handful, every article page shows its own,
    and they change about never: kept in the cache, dropped when one changes (signals)."""
    sections = cache.get(SECTIONS_CACHE_KEY)
    if sections is None:
        sections = {section.path: section for section in SectionPage.objects.all()}
        cache.set(SECTIONS_CACHE_KEY, sections, timeout=SECTIONS_CACHE_SECONDS)
    return sections


ARTICLES_PER_PAGE = 24
MAX_LISTING_PAGE = 1_000_000


@dataclasses.dataclass
class ListingPage:
    """One page of a listing and whether there are more either side: counting a section's tens
    of thousands of articles for "page 1 of 2,800" costs more than the page itself (100 ms on
    PostgreSQL at 200,000 articles), so the listing reads one row past the page instead."""

    articles: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.articles)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def newest_first_page(articles, request) -> ListingPage:
    """`?page=` of a listing, newest first; anything but a positive number is the first page,
    and a page past the end is empty, with a link back."""
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    # Past every article there will ever be, and within what the database's OFFSET can hold.
    number = min(number, MAX_LISTING_PAGE)
    start = (number - 1) * ARTICLES_PER_PAGE
    rows = cards(articles.order_by("-date", "-pk")[start:start + ARTICLES_PER_PAGE + 1])
    return ListingPage(rows[:ARTICLES_PER_PAGE], number, has_next=len(rows) > ARTICLES_PER_PAGE)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("editorial.ArticlePage", on_delete=models.CASCADE,
                                 related_name="tagged_items")


class ArticlePage(OneQueryViewRestrictions, Page):
    objects = PublicPageManager()
    base_form_class = KnownRowsPageForm  # its sources are inline rows

    language = models.CharField(_("language"), max_length=2, choices=Language.choices,
                                default=Language.ENGLISH)
    teaser = models.TextField(_("teaser"), max_length=600)
    body = RichTextField(_("body"))
    author = models.CharField(_("author"), max_length=120, blank=True)
    date = models.DateField(_("publish date"), default=timezone.localdate)
    originally_released = models.DateField(
        _("originally released"), null=True, blank=True,
        help_text=_("Release date of the video this article reviews."))
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("image"))
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    videos = ParentalManyToManyField("catalog.Work", blank=True, related_name="articles",
                                     verbose_name=_("about these works"),
                                     help_text=_("Videos, albums, films the article is about."))
    people = ParentalManyToManyField("catalog.Person", blank=True, related_name="articles",
                                     verbose_name=_("about these people"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("language"), FieldPanel("author"), FieldPanel("date")]),
        FieldPanel("teaser"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("photo_credit")],
                        heading=_("Photo")),
        MultiFieldPanel([
            FieldPanel("videos", widget=ChooseMany(kind="work")),
            FieldPanel("people", widget=ChooseMany(kind="person")),
            FieldPanel("originally_released"),
            FieldPanel("tags"),
        ], heading=_("What this article is about")),
        InlinePanel("sources", heading=_("Sources"), label=_("Source")),
        InlinePanel("related_choices", heading=_("Related reading: pin or exclude"),
                    label=_("Article"),
                    help_text=_("Related reading is chosen automatically; pin a piece to always "
                                "show it first, or exclude one never to show it.")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("language"),
    ]
    parent_page_types = ["editorial.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        # Newest first is how the home page, sections, feeds and the API list articles.
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="article_newest")]

    @property
    def section(self):
        """The section the article is in: from the cached sections, or read once."""
        if not isinstance(getattr(self, "_cached_parent_obj", None), SectionPage):
            self._cached_parent_obj = (sections_by_path().get(self.path[:-self.steplen])
                                       or self.get_parent().specific)
        return self._cached_parent_obj

    @property
    def views(self) -> int:
        try:
            return self.stats.views
        except ArticleStats.DoesNotExist:
            return 0

    def short_teaser(self, limit: int = 160) -> str:
        return cut_at_word(self.teaser, limit)

    def plain_text(self) -> str:
        return " ".join([self.title, self.teaser, html_to_text(self.body)])

    def clean(self):
        super().clean()
        if self.originally_released and self.originally_released > self.date:
            raise ValidationError({"originally_released": _(
                "The video cannot come out after the article about it: check both dates.")})

    def get_context(self, request, *args, **kwargs):
        from related.reading import related_reading

        from . import snapshots
        from .structured_data import article_ld

        context = super().get_context(request, *args, **kwargs)
        # What the page shows from other tables, stored when they change; a preview shows the
        # draft's own, and an article not yet stored is read live.
        snapshot = None if getattr(request, "is_preview", False) else snapshots.stored(self)
        shown = snapshots.Shown(snapshot or snapshots.snapshot_of(self))
        context["section"] = self.section
        context["shown"] = shown
        context["structured_data"] = article_ld(self, request, shown)
        context.update(related_reading(self))  # stored picks: computed in the background
        return context


class ArticleSource(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"))

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("url")])]


class ArticleSnapshot(Snapshot):
    """What an article page shows from other tables: its videos' credits boxes, the works and
    people its structured data names, its sources, tags and legal notices (see `snapshots`).
    One row read with the page instead of seven queries; dropped when any of it changes and
    built again in the background."""

    page = models.OneToOneField(ArticlePage, on_delete=models.CASCADE, primary_key=True,
                                related_name="snapshot")

    class Meta:
        verbose_name = _("article snapshot")


class ArticleStats(models.Model):
    """Per-article counters, apart from the page row (see the module docstring)."""

    page = models.OneToOneField(ArticlePage, on_delete=models.CASCADE, primary_key=True,
                                related_name="stats")
    views = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["-views"])]
        verbose_name = _("article statistics")

    def __str__(self):
        return f"{self.page_id}: {self.views} views"


def record_view(article: ArticlePage) -> int:
    """Count one reading of `article` and return its views.

    The page itself may come from a shared cache, so serving it counts nothing: the reader's
    browser reports the reading once per article (deepcuts/static/js/views.js, through
    POST /api/v1/articles/{id}/views). The increment is a single UPDATE, so concurrent readers
    are all counted.
    """
    if not ArticleStats.objects.filter(pk=article.pk).update(views=F("views") + 1):
        try:
            with transaction.atomic():
                ArticleStats.objects.create(page=article, views=1)
        except IntegrityError:  # another request created the row first
            ArticleStats.objects.filter(pk=article.pk).update(views=F("views") + 1)
    return ArticleStats.objects.values_list("views", flat=True).get(pk=article.pk)


def most_read(limit: int = 5, restricted: tuple[str, ...] | None = None):
    return (ArticlePage.objects.live().public_given(
        tuple(restricted_paths()) if restricted is None else restricted)
        .filter(stats__views__gt=0).order_by("-stats__views", "-date")[:limit])


# The home page's three queries, compiled once for the restricted paths they exclude (read from
# the cache on every request, so a new restriction gets a new plan at once).
newest_articles = CompiledQuery(
    lambda restricted: ArticlePage.objects.live().public_given(restricted).order_by("-date", "-pk")
    .values_list(*card_fields())[:HomePage.NEWEST_READ], values={}, shape=("restricted",))
most_read_articles = CompiledQuery(
    lambda restricted: most_read(5, restricted).values_list(*card_fields()), values={}, shape=("restricted",))
live_sections = CompiledQuery(
    lambda restricted, ids: SectionPage.objects.live().public_given(restricted).filter(pk__in=ids)
    .order_by("path"), values={}, shape=("restricted", "ids"))


class LegalNotice(models.Model):
    """A notice shown under every article whose text mentions one of its words.

    Matching is worked out when an article is published or a notice changes (see signals), so
    pages only read the stored result.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    words = models.TextField(
        _("words"),
        help_text=_("One per line or comma-separated. Whole words, any case; end a word with * "
                    "to match its forms too (Инстаграм* matches Инстаграме)."))
    text = models.TextField(_("notice text"))
    active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("name"), FieldPanel("words"), FieldPanel("text"), FieldPanel("active")]

    class Meta:
        verbose_name = _("legal notice")
        verbose_name_plural = _("legal notices")

    def __str__(self):
        return self.name

    def word_list(self) -> list[str]:
        return [w.strip() for w in re.split(r"[,\n]", self.words) if w.strip()]

    def pattern(self) -> re.Pattern:
        parts = []
        for word in self.word_list():
            if word.endswith("*"):
                parts.append(re.escape(word[:-1]) + r"\w*")
            else:
                parts.append(re.escape(word))
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

    def matches(self, text: str) -> bool:
        return bool(self.word_list()) and bool(self.pattern().search(text))

    def clean(self):
        if not self.word_list():
            raise ValidationError({"words": _("List at least one word to look for.")})


class ArticleNotice(models.Model):
    """Which notices an article's published text matched: stored, not computed per request."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE,
                                related_name="notice_links")
    notice = models.ForeignKey(LegalNotice, on_delete=models.CASCADE, related_name="article_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "notice"], name="article_notice_unique"),
        ]

    def __str__(self):
        return f"{self.notice} on {self.article_id}"
