"""The search index: one denormalised row per searchable thing.

Rows are derived data, written only by `search.indexing` (on publish and catalog changes, and
in bulk by `manage.py rebuild_search_index`); a search reads them and nothing else, so it never
joins the catalog or the page tree while a reader waits.

The full-text structures beside this table are per database and are not Django fields: on SQLite
an FTS5 table over the token columns kept in step by triggers, on PostgreSQL two generated
tsvector columns with GIN indexes (see `search.backends`). A migration that changes this table
must end by reinstalling them (`backend_for(connection).uninstall()` then `.install()`): SQLite
rebuilds a table to alter it, and the triggers do not survive that.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a result is, labelled as its group of results. The order is the order of the
    groups when they rank alike."""
    PERSON = "person", _("People and groups")
    MUSIC_VIDEO = "music_video", _("Music videos")
    ARTICLE = "article", _("Articles")
    ALBUM = "album", _("Albums")
    SONG = "song", _("Songs")
    FILM = "film", _("Films")
    SERIES = "series", _("Series")


KIND_ORDER = {kind: position for position, kind in enumerate(Kind.values)}


class SearchEntry(models.Model):
    # "person:12", "work:7", "page:40": which record the row was made from.
    ref = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Person.kind for people ("person", "group", "company"); empty otherwise.
    subkind = models.CharField(max_length=12, blank=True)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=300)
    title_ru = models.CharField(max_length=300, blank=True)
    # Artists of a work, the author of an article.
    byline = models.CharField(max_length=300, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    # Articles only: their language and section slug.
    language = models.CharField(max_length=2, blank=True)
    section = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    # Stemmed, folded tokens (see search.analysis): the full-text index is built over these.
    title_tokens = models.TextField(blank=True)
    key_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    # "|lee sung jin|ли сон джин|" and "|lee:songjin|...|": read only to rank exact names first.
    names_folded = models.TextField(blank=True)
    whole_keys = models.TextField(blank=True)
    # "k:article l:ru s:news y:2020": the filters as full-text terms (see search.backends.sqlite).
    facets = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        indexes = [models.Index(fields=["kind", "year"])]

    def __str__(self):
        return f"{self.ref}: {self.title}"
