"""What both database backends share: filters, the ranking tiers and the grouped query.

A backend only supplies how its full-text index is matched and scored (`match_sql`,
`score_sql`, `render`) and how the index structures are created (`install`, `uninstall`);
the query around them is written once, here.

Ranking, best first:
  tier 0: a name or title is exactly the query, in any spelling (same folded words, or a
          shared whole-name key: "Ли Сон Джин" = "Lee Sung Jin");
  tier 1: a name or title starts with the query, or sounds exactly like it in another script;
  tier 2: a word of a name or title starts with the query;
  tier 3: the words match somewhere (stemmed), by bm25 / ts_rank;
and within a tier, newer articles first.
"""
from dataclasses import dataclass

from ..analysis import AnyOf, Query, Term
from ..models import Kind, SearchEntry

TABLE = SearchEntry._meta.db_table


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


@dataclass(frozen=True)
class Row:
    """One result as the database ranks it; the engine loads the entry itself afterwards."""
    entry_id: int
    kind: str
    tier: int
    position: int  # 1 for the best of its kind
    total: int  # how many results of this kind the search has


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Backend:
    """The SQL both vendors run; subclasses fill in the full-text parts."""

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

    def from_sql(self, names_only: bool) -> str:
        """FROM clause joining the entry table as `e` with the full-text index."""
        raise NotImplementedError

    def match_sql(self, rendered: str, names_only: bool) -> tuple[str, list]:
        """A WHERE condition matching the rendered query, and its parameters."""
        raise NotImplementedError

    def score_sql(self, rendered: str, names_only: bool) -> tuple[str, list]:
        """A relevance expression (lower is better) and its parameters."""
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------
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

    @staticmethod
    def filter_sql(filters: Filters) -> tuple[str, list]:
        conditions, params = [], []
        if filters.kind:
            conditions.append("e.kind = %s")
            params.append(filters.kind)
        if filters.language:
            conditions.append("(e.kind <> %s OR e.language = %s)")
            params += [Kind.ARTICLE, filters.language]
        if filters.section:
            conditions.append("e.kind = %s AND e.section = %s")
            params += [Kind.ARTICLE, filters.section]
        if filters.year:
            conditions.append("e.year = %s")
            params.append(filters.year)
        return "".join(f" AND {condition}" for condition in conditions), params

    def _matches(self, query: Query, filters: Filters, names_only: bool) -> tuple[str, list]:
        """SELECT of every match with its tier and score."""
        rendered = self.render(query.match)
        tier, tier_params = self.tier_sql(query)
        score, score_params = self.score_sql(rendered, names_only)
        match, match_params = self.match_sql(rendered, names_only)
        where, where_params = self.filter_sql(filters)
        sql = (f"SELECT e.id, e.kind, e.date, {tier} AS tier, {score} AS score"
               f" FROM {self.from_sql(names_only)} WHERE {match}{where}")
        return sql, [*tier_params, *score_params, *match_params, *where_params]

    def grouped(self, query: Query, filters: Filters, per_group: int,
                page_kind: str | None = None, offset: int = 0, limit: int = 0) -> list[Row]:
        """The best `per_group` results of every kind, with each kind's total; and, for
        `page_kind`, results `offset`..`offset + limit` of that kind (a page of one group)."""
        if not query:
            return []
        matches, params = self._matches(query, filters, names_only=False)
        sql = (
            "SELECT id, kind, tier, rn, total FROM ("
            " SELECT id, kind, tier,"
            "  ROW_NUMBER() OVER (PARTITION BY kind ORDER BY tier, score, date DESC NULLS LAST, id) AS rn,"
            "  COUNT(*) OVER (PARTITION BY kind) AS total"
            f" FROM ({matches}) AS hits"
            ") AS ranked WHERE rn <= %s OR (kind = %s AND rn > %s AND rn <= %s)"
            " ORDER BY kind, rn"
        )
        params += [per_group, page_kind or "", offset, offset + limit]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [Row(*row) for row in cursor.fetchall()]

    def suggest(self, query: Query, limit: int) -> list[Row]:
        """The best matches on names and titles alone, across kinds, for the search box."""
        if not query:
            return []
        matches, params = self._matches(query, Filters(), names_only=True)
        order = " ".join(f"WHEN '{kind}' THEN {position}" for position, kind in enumerate(Kind.values))
        sql = (f"SELECT id, kind, tier, 0, 0 FROM ({matches}) AS hits"
               f" ORDER BY tier, CASE kind {order} END, score, date DESC NULLS LAST, id LIMIT %s")
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [Row(*row) for row in cursor.fetchall()]


def render_tree(node, term, any_of: str, all_of: str) -> str:
    """Render a term tree with `term(Term) -> str` and the vendor's OR / AND operators."""
    if isinstance(node, Term):
        return term(node)
    parts = [render_tree(part, term, any_of, all_of) for part in node.parts]
    if len(parts) == 1:
        return parts[0]
    operator = any_of if isinstance(node, AnyOf) else all_of
    return "(" + f" {operator} ".join(parts) + ")"
