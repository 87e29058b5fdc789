"""Site search: one interface for the page, the JSON API and the search box.

    results = search("Ли Сон Джин", Filters(language="ru"))
    for group in results.groups: ...
    entries = suggest("seit")

The query is parsed into our own tokens (`search.analysis`), matched and ranked by the
database's full-text index (`search.backends`, chosen by vendor), and the entries of the
results are loaded in one query. Nothing here depends on which database answers.
"""
from dataclasses import dataclass, field

from django.db import connection

from .analysis import Query, parse_query
from .backends import Filters, backend_for
from .backends import base as ranking
from .models import KIND_ORDER, Kind, SearchEntry

PER_GROUP = 5
PER_PAGE = 20
SUGGESTIONS = 8
# Beyond this many matches in all, bm25's document frequencies cost more than they are worth
# (they are counted over every match of every word): title matches come first instead.
BM25_LIMIT = 5000
# Only what a result shows.
_SHOWN_FIELDS = ("id", "ref", "kind", "subkind", "url", "title", "title_ru", "byline", "summary",
                 "language", "section", "year", "date")


@dataclass
class Group:
    kind: str
    # Counted up to COUNT_CAP + 1: more than COUNT_CAP is shown as "1000+".
    counted: int
    entries: list[SearchEntry] = field(default_factory=list)
    best_tier: int = 3
    rows: list = field(default_factory=list, repr=False)

    @property
    def label(self) -> str:
        return Kind(self.kind).label

    @property
    def total(self) -> int:
        return min(self.counted, ranking.COUNT_CAP)

    @property
    def capped(self) -> bool:
        """True when there are more than `total` results (counting stopped)."""
        return self.counted > ranking.COUNT_CAP


@dataclass
class Results:
    query: Query
    filters: Filters
    groups: list[Group]
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def capped(self) -> bool:
        return any(group.capped for group in self.groups)

    @property
    def counts(self) -> dict[str, int]:
        return {group.kind: group.total for group in self.groups}

    @property
    def pages(self) -> int:
        """Pages of the kind the filters ask for (1 when results are grouped)."""
        if not self.filters.kind:
            return 1
        total = self.counts.get(self.filters.kind, 0)
        return max(1, -(-total // self.per_page))

    @property
    def shown(self) -> list[Group]:
        """The groups to show: all of them, or the one kind the filters ask for."""
        if not self.filters.kind:
            return self.groups
        return [group for group in self.groups if group.kind == self.filters.kind]


def search(text: str | None, filters: Filters | None = None, page: int = 1,
           per_page: int = PER_PAGE, per_group: int = PER_GROUP) -> Results:
    """Results for `text`, grouped by kind, best group first.

    Without a kind filter each group holds its best `per_group` entries; with one, its group
    holds page `page` (`per_page` a page) and the other groups only carry their totals, so a
    page can still say how many people or articles the same words find.

    Words match whole (in any form); only when that finds nothing does the last word also
    match as the start of a word ("seit" → Seitov): a prefix of a common word would make
    every search walk through every word that begins with it.
    """
    with backend_for(connection).unprepared() as backend:
        return _search(backend, text, filters or Filters(), page, per_page, per_group)


def _search(backend, text, filters, page, per_page, per_group) -> Results:
    page, kind = max(1, page), filters.kind
    query = parse_query(text, prefix=False)
    counts = backend.counts(query, filters)
    if query and not any(counts.values()):
        prefixed = parse_query(text, prefix=True)
        if prefixed.match != query.match:
            query, counts = prefixed, backend.counts(prefixed, filters)
    matched = sum(counts.values())
    groups = {group_kind: Group(kind=group_kind, counted=counted)
              for group_kind, counted in counts.items() if counted}
    if not matched:
        pass
    elif (not kind and matched <= ranking.WINDOW and backend.all_kinds_in_one_pass
          and not (filters.language or filters.section)):
        for row in backend.top_per_kind(query, filters, per_group):
            groups[row.kind].rows.append(row)
    else:
        paged = [group for group in groups.values() if not kind or group.kind == kind]
        offset, limit = ((page - 1) * per_page, per_page) if kind else (0, per_group)
        answers = backend.pages(query, [(filters.for_kind(group.kind), group.total, offset, limit)
                                        for group in paged], scored=matched <= BM25_LIMIT)
        for group, rows in zip(paged, answers, strict=True):
            group.rows = rows
    rows = [row for group in groups.values() for row in group.rows]
    entries = SearchEntry.objects.only(*_SHOWN_FIELDS).in_bulk([row.entry_id for row in rows])
    for group in groups.values():
        group.entries = [entries[row.entry_id] for row in group.rows if row.entry_id in entries]
        group.best_tier = min((row.tier for row in group.rows), default=3)
    ordered = sorted(groups.values(), key=lambda g: (g.best_tier, KIND_ORDER.get(g.kind, 99)))
    return Results(query=query, filters=filters, groups=ordered, page=page, per_page=per_page)


def suggest(text: str | None, limit: int = SUGGESTIONS) -> list[SearchEntry]:
    """Names and titles for the search box, best first, across every kind."""
    with backend_for(connection).unprepared() as backend:
        rows = backend.suggest(parse_query(text), limit)
    entries = SearchEntry.objects.only(*_SHOWN_FIELDS).in_bulk([row.entry_id for row in rows])
    return [entries[row.entry_id] for row in rows if row.entry_id in entries]
