"""What both database backends share: filters, the ranking tiers and how a page of one kind is
put together. A backend only supplies how its full-text index is matched and scored.

Ranking, best first:
  tier 0: a name or title is exactly the query, in any spelling (same folded words, or a
          shared whole-name key: "Ли Сон Джин" = "Lee Sung Jin");
  tier 1: a name or title starts with the query, or sounds exactly like it in another script;
  tier 2: a word of a name or title starts with the query;
  tier 3: the words match somewhere (stemmed), by bm25 / ts_rank;
and within a tier, newer first.

A common word can match 100,000 articles, and scoring all of them costs hundreds of
milliseconds while a reader waits. So each kind is ranked within a window: the WINDOW most
recently indexed matches (a full rebuild indexes articles oldest first, and every later
publish gets a higher id), plus every exact match wherever it is. Past the window, results
continue newest first. A kind with fewer matches than the window is ranked whole.
"""
from dataclasses import dataclass

from ..analysis import AnyOf, Query, Term
from ..models import Kind, SearchEntry

TABLE = SearchEntry._meta.db_table
WINDOW = 1000
# Enough to catch every record a query names exactly; more would be a list, not a name.
MAX_EXACT = 200


@dataclass(frozen=True)
class Filters:
    """Narrowing a search. `language` and `section` are about articles: a language filter
    leaves catalog records (which are in every script at once) in the results, a section
    filter keeps only articles. `year` is a work's release year or an article's date."""
    kind: str | None = None
    language: str | None = None
    section: str | None = None
    year: int | None = None

    def is_empty(self) -> bool:
        return not (self.kind or self.language or self.section or self.year)

    def kinds(self) -> list[str]:
        """The kinds these filters leave anything of."""
        if self.section:
            return [Kind.ARTICLE]
        return [kind for kind in Kind.values if not (self.year and kind == Kind.PERSON)]

    def for_kind(self, kind: str) -> "Filters":
        """The filters that apply to one kind: language and section only narrow articles."""
        if kind == Kind.ARTICLE:
            return Filters(kind=kind, language=self.language, section=self.section, year=self.year)
        return Filters(kind=kind, year=self.year)


@dataclass(frozen=True)
class Row:
    """One result as the database ranks it; the engine loads the entry itself afterwards."""
    entry_id: int
    kind: str
    tier: int


@dataclass(frozen=True)
class Matches:
    """A vendor's SQL for "the entries matching this": FROM and WHERE with their parameters,
    and the expression of an entry's id."""
    from_sql: str
    where_sql: str
    params: list
    id_sql: str


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Backend:
    vendor = ""
    # Column weights: title words, name keys, body words.
    WEIGHTS = (10.0, 4.0, 1.0)

    def __init__(self, connection):
        self.connection = connection

    # --- what a vendor provides -------------------------------------------------------------
    def install(self) -> None:
        """Create the full-text structures over the entry table (idempotent)."""
        raise NotImplementedError

    def uninstall(self) -> None:
        raise NotImplementedError

    def begin_bulk(self) -> None:
        """Before a full rebuild: drop what makes row-by-row writes slow."""

    def end_bulk(self) -> None:
        """After a full rebuild: build the full-text structures in one go."""

    def render(self, node) -> str:
        """The vendor's query syntax for a tree of terms from `search.analysis`."""
        raise NotImplementedError

    def matches(self, node, filters: Filters, names_only: bool, joined: bool) -> Matches:
        """Entries matching the term tree `node` under `filters` (a kind, or every kind when
        `filters.kind` is None); with `joined` the entry row is available as `e`."""
        raise NotImplementedError

    def score_sql(self, node, names_only: bool) -> tuple[str, list]:
        """A relevance expression over a joined match (lower is better) and its parameters."""
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------
    def count(self, query: Query, filters: Filters) -> int:
        """How many entries of `filters.kind` match."""
        if not query:
            return 0
        found = self.matches(query.match, filters, names_only=False, joined=False)
        return self._scalar(f"SELECT count(*) FROM {found.from_sql} WHERE {found.where_sql}", found.params)

    def page(self, query: Query, filters: Filters, total: int, offset: int, limit: int) -> list[Row]:
        """Results `offset`..`offset + limit` of one kind (`filters.kind`), of `total`."""
        window = self._window(query, filters, total, names_only=False)
        ranked_size = total if window is None else window[1]
        rows = []
        if offset < ranked_size:
            rows = self._ranked(query, filters, window, names_only=False, offset=offset, limit=limit)
        if window is not None and offset + limit > ranked_size:
            floor, _, exact = window
            rows += self._older(query, filters, floor, exact, offset=max(0, offset - ranked_size),
                                limit=offset + limit - max(offset, ranked_size))
        return rows

    def suggest(self, query: Query, limit: int) -> list[Row]:
        """The best matches on names and titles alone, every kind together, for the search box."""
        if not query:
            return []
        window = self._window(query, Filters(), None, names_only=True)
        return self._ranked(query, Filters(), window, names_only=True, offset=0, limit=limit)

    def _window(self, query: Query, filters: Filters, total: int | None, names_only: bool):
        """(lowest id in the window, entries ranked, exact-match ids) or None to rank them all."""
        if total is not None and total <= WINDOW:
            return None
        found = self.matches(query.match, filters, names_only, joined=False)
        floor = self._scalar(f"SELECT {found.id_sql} FROM {found.from_sql} WHERE {found.where_sql} "
                             f"ORDER BY {found.id_sql} DESC LIMIT 1 OFFSET {WINDOW - 1}", found.params)
        if floor is None:
            return None  # fewer matches than the window (only when the total was not counted)
        exact = self._exact_ids(query, filters, names_only)
        outside = [pk for pk in exact if pk < floor]
        return floor, WINDOW + len(outside), outside

    def _exact_ids(self, query: Query, filters: Filters, names_only: bool) -> list[int]:
        found = self.matches(query.exact, filters, names_only, joined=False)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {found.id_sql} FROM {found.from_sql} WHERE {found.where_sql} "
                           f"LIMIT {MAX_EXACT}", found.params)
            return [row[0] for row in cursor.fetchall()]

    def _ranked(self, query: Query, filters: Filters, window, names_only: bool,
                offset: int, limit: int) -> list[Row]:
        found = self.matches(query.match, filters, names_only, joined=True)
        tier, tier_params = self.tier_sql(query)
        score, score_params = self.score_sql(query.match, names_only)
        where, params = found.where_sql, list(found.params)
        if window is not None:
            floor, _, outside = window
            alternatives = "".join(f" OR {found.id_sql} = %s" for _ in outside)
            where += f" AND ({found.id_sql} >= %s{alternatives})"
            params += [floor, *outside]
        order = "tier, "
        if names_only:  # the search box mixes kinds: people, then videos, then the rest
            order += "CASE e.kind " + " ".join(f"WHEN '{kind}' THEN {position}"
                                               for position, kind in enumerate(Kind.values)) + " END, "
        sql = (f"SELECT e.id, e.kind, {tier} AS tier FROM {found.from_sql} WHERE {where} "
               f"ORDER BY {order}{score}, e.date DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s")
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*tier_params, *params, *score_params, limit, offset])
            return [Row(*row) for row in cursor.fetchall()]

    def _older(self, query: Query, filters: Filters, floor: int, exact: list[int],
               offset: int, limit: int) -> list[Row]:
        """Matches below the window, newest first (exact matches were ranked already)."""
        found = self.matches(query.match, filters, names_only=False, joined=False)
        where = f"{found.where_sql} AND {found.id_sql} < %s" + "".join(
            f" AND {found.id_sql} <> %s" for _ in exact)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {found.id_sql} FROM {found.from_sql} WHERE {where} "
                           f"ORDER BY {found.id_sql} DESC LIMIT %s OFFSET %s",
                           [*found.params, floor, *exact, limit, offset])
            return [Row(row[0], filters.kind, 3) for row in cursor.fetchall()]

    def tier_sql(self, query: Query) -> tuple[str, list]:
        """The CASE expression for the ranking tiers and its parameters."""
        cases, params = [], []

        def when(conditions: list[tuple[str, str]], tier: int):
            if conditions:
                cases.append("WHEN " + " OR ".join(f"e.{column} LIKE %s ESCAPE '\\'"
                                                   for column, _ in conditions) + f" THEN {tier}")
                params.extend(pattern for _, pattern in conditions)

        phrase = _like(query.phrase)
        when([("names_folded", f"%|{phrase}|%")]
             + [("whole_keys", f"%|{_like(key)}|%") for key in query.exact_keys], 0)
        when([("names_folded", f"%|{phrase}%")]
             + [("whole_keys", f"%|{_like(key)}|%") for key in query.sound_keys], 1)
        when([("names_folded", f"% {phrase}%")], 2)
        return "CASE " + " ".join(cases) + " ELSE 3 END", params

    def _scalar(self, sql: str, params: list):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
            return row[0] if row else None


def render_tree(node, term, any_of: str, all_of: str) -> str:
    """Render a term tree with `term(Term) -> str` and the vendor's OR / AND operators."""
    if isinstance(node, Term):
        return term(node)
    parts = [render_tree(part, term, any_of, all_of) for part in node.parts]
    if len(parts) == 1:
        return parts[0]
    operator = any_of if isinstance(node, AnyOf) else all_of
    return "(" + f" {operator} ".join(parts) + ")"
