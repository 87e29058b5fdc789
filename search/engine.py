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
from .models import KIND_ORDER, Kind, SearchEntry

PER_GROUP = 5
PER_PAGE = 20
SUGGESTIONS = 8
# Only what a result shows: the token columns can be large.
_SHOWN_FIELDS = ("id", "ref", "kind", "subkind", "url", "title", "title_ru", "byline", "summary",
                 "language", "section", "year", "date")


@dataclass
class Group:
    kind: str
    total: int
    entries: list[SearchEntry] = field(default_factory=list)
    best_tier: int = 3
    rows: list = field(default_factory=list, repr=False)

    @property
    def label(self) -> str:
        return Kind(self.kind).label


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
    """
    filters = filters or Filters()
    query = parse_query(text)
    page, kind = max(1, page), filters.kind
    if not query:
        return Results(query=query, filters=filters, groups=[], page=page, per_page=per_page)
    backend = backend_for(connection)
    groups: list[Group] = []
    rows = []
    for group_kind in filters.kinds():
        of_kind = filters.for_kind(group_kind)
        total = backend.count(query, of_kind)
        if not total:
            continue
        group = Group(kind=group_kind, total=total)
        if not kind or group_kind == kind:
            offset, limit = ((page - 1) * per_page, per_page) if kind else (0, per_group)
            group.rows = backend.page(query, of_kind, total, offset, limit)
            group.best_tier = min((row.tier for row in group.rows), default=3)
            rows += group.rows
        groups.append(group)
    entries = SearchEntry.objects.only(*_SHOWN_FIELDS).in_bulk([row.entry_id for row in rows])
    for group in groups:
        group.entries = [entries[row.entry_id] for row in group.rows if row.entry_id in entries]
    groups.sort(key=lambda g: (g.best_tier, KIND_ORDER.get(g.kind, 99)))
    return Results(query=query, filters=filters, groups=groups, page=page, per_page=per_page)


def suggest(text: str | None, limit: int = SUGGESTIONS) -> list[SearchEntry]:
    """Names and titles for the search box, best first, across every kind."""
    rows = backend_for(connection).suggest(parse_query(text), limit)
    entries = SearchEntry.objects.only(*_SHOWN_FIELDS).in_bulk([row.entry_id for row in rows])
    return [entries[row.entry_id] for row in rows if row.entry_id in entries]
