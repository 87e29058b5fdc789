"""The search index: one denormalised row per searchable thing.

Rows are derived data, written only by `search.indexing` (on publish and catalog changes, and
in bulk by `manage.py rebuild_search_index`); a search reads them and nothing else, so it never
joins the catalog or the page tree while a reader waits.

The full-text structures over SearchText are per database and are not Django fields: on SQLite
an FTS5 table kept in step by triggers, on PostgreSQL two generated tsvector columns with GIN
indexes (see `search.backends`). A migration that changes SearchText must end by reinstalling
them (`uninstall()` then `install()` of the backend): SQLite rebuilds a table to alter it, and
the triggers do not survive that.
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


# Each kind has its own block of entry ids, so "results of one kind" is an id range, which a
# full-text index can walk without looking anything up, and "newest first" is "highest id first".
# The blocks rise in the order the search box prefers, so the highest ids of all, the first a
# window of the newest matches takes, are people's.
ID_BLOCK = 10**12
_BLOCKS = {kind: len(Kind.values) - position for position, kind in enumerate(Kind.values)}


def id_range(kind: str) -> tuple[int, int]:
    """The first and last entry id a kind may use."""
    start = _BLOCKS[kind] * ID_BLOCK
    return start, start + ID_BLOCK - 1


class SearchEntry(models.Model):
    """What a result shows and what ranks it; the words live in SearchText."""
    # Assigned by search.indexing inside the kind's block (see id_range).
    id = models.BigIntegerField(primary_key=True)
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
    # "|lee sung jin|ли сон джин|" and "|lee:songjin|...|": read only to rank exact names first.
    names_folded = models.TextField(blank=True)
    whole_keys = models.TextField(blank=True)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.ref}: {self.title}"

    def folded_names(self) -> list[str]:
        return [name for name in self.names_folded.split("|") if name]


class SearchText(models.Model):
    """The tokens of an entry (see search.analysis), which the full-text index is built over.

    Apart from SearchEntry so that ranking a thousand matches reads a thousand short rows, not
    a thousand article bodies."""
    entry = models.OneToOneField(SearchEntry, on_delete=models.CASCADE, primary_key=True,
                                 related_name="text")
    title_tokens = models.TextField(blank=True)
    key_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    # "l:ru s:news y:2020": the filters as full-text terms (see search.backends).
    facets = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "search text"
        verbose_name_plural = "search texts"

    def __str__(self):
        return f"tokens of entry {self.entry_id}"


class SearchName(models.Model):
    """Each folded name or title of an entry (SearchEntry.names_folded), one row each.

    The search box's best matches are names that start with what was typed (tier 1), and in
    the full-text index those are only found by walking the newest matches of every word that
    starts with the letters (4,000 rows for "anna" at scale, read from the table). Here they
    are one range of a narrow index, read without the table."""
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="names")
    name = models.TextField()

    class Meta:
        verbose_name = "search name"
        verbose_name_plural = "search names"
        indexes = [
            # text_pattern_ops (PostgreSQL) lets LIKE 'anna%' use the index whatever the
            # database's collation; SQLite compares bytes and reads a range.
            models.Index(fields=["name", "entry"], name="sitesearch_name_start",
                         opclasses=["text_pattern_ops", "int8_ops"]),
        ]

    def __str__(self):
        return self.name
