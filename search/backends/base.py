"""What both database backends share: filters, the ranking tiers and how a page of one kind is
put together. A backend only supplies how its full-text index is matched and scored.

Ranking, best first:
  tier 0: a name or title is exactly the query, in any spelling (same folded words, or a
          shared whole-name key: "Ли Сон Джин" = "Lee Sung Jin");
  tier 1: a name or title starts with the query, or sounds exactly like it in another script;
  tier 2: a word of a name or title starts with the query;
  tier 3: the words match somewhere (stemmed), by bm25 / ts_rank;
and within a tier, newer first.

Every kind has its own block of entry ids (models.id_range), so each kind is searched on its
own, as an id range the full-text index walks directly. A common word can still match 100,000
articles, and scoring all of them costs hundreds of milliseconds while a reader waits; so when
a kind has more than WINDOW matches, it is ranked in three parts:
  1. the exact matches (tier 0), wherever they are (the MAX_EXACT newest, when more share a
     name): they carry an exact token, so they are found without looking at anything else;
  2. the WINDOW newest matches (the highest ids: a full rebuild indexes articles oldest
     first and every later publish gets a higher id), by tier, then title matches before
     body matches, then newest. bm25's document frequencies would have to be counted over the
     whole match list first, which is the very cost the window avoids;
  3. the rest, newest first.
"""
from contextlib import contextmanager
from dataclasses import dataclass

from ..analysis import MIN_PREFIX_CHARS, AnyOf, Query, Term
from ..models import ID_BLOCK, Kind, id_range

WINDOW = 500
# Enough for every record a query names exactly; more would be a list, not a name.
MAX_EXACT = 200
# Counting stops here: "1000+ articles" says as much as an exact figure, for a fraction of the
# work (PostgreSQL reads a row of the table for every match it counts).
COUNT_CAP = 1000


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

    def facets(self) -> list[str]:
        """The filters other than kind as index terms (see documents.facets)."""
        return ([f"l:{self.language}"] if self.language else []) + (
            [f"s:{self.section}"] if self.section else []) + ([f"y:{self.year}"] if self.year else [])


@dataclass(frozen=True)
class Row:
    """One result as the database ranks it; the engine loads the entry itself afterwards."""
    entry_id: int
    kind: str
    tier: int


@dataclass(frozen=True)
class Matches:
    """A vendor's SQL for "the entries matching this, with ids in this range": FROM and WHERE
    with their parameters, and the expression of an entry's id."""
    from_sql: str
    where_sql: str
    params: list
    id_sql: str


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Backend:
    vendor = ""
    entry_table = "sitesearch_searchentry"
    name_table = "sitesearch_searchname"
    # Whether one statement over every kind is cheap (SQLite: one FTS5 table, kinds as rowid
    # blocks) or each kind is better searched on its own (PostgreSQL: an index per kind).
    all_kinds_in_one_pass = True
    # Column weights: title words, name keys, body words.
    WEIGHTS = (10.0, 4.0, 1.0)

    def __init__(self, connection):
        self.connection = connection

    @contextmanager
    def unprepared(self):
        """Searching, with no statement kept as a prepared one (see the PostgreSQL backend)."""
        yield self

    # --- what a vendor provides -------------------------------------------------------------
    def install(self) -> None:
        """Create the full-text structures over the text table (idempotent)."""
        raise NotImplementedError

    def uninstall(self) -> None:
        raise NotImplementedError

    def begin_bulk(self) -> None:
        """Before a full rebuild: drop what makes row-by-row writes slow."""

    def end_bulk(self) -> None:
        """After a full rebuild: build the full-text structures in one go."""

    def lock_for_writing(self) -> None:
        """Inside a transaction that assigns entry ids: keep other writers out until it ends."""

    def render(self, node) -> str:
        """The vendor's query syntax for a tree of terms from `search.analysis`."""
        raise NotImplementedError

    def matches(self, node, filters: Filters, bounds: tuple[int, int] | None, names_only: bool,
                joined: bool) -> Matches:
        """Entries matching the term tree `node` and `filters.facets()`, ids within `bounds`;
        with `joined` the entry row is available as `e` (for tiers and dates)."""
        raise NotImplementedError

    def score_sql(self, node, names_only: bool) -> tuple[str, list]:
        """bm25 / ts_rank over a joined match, lower is better, and its parameters."""
        raise NotImplementedError

    def title_hit_sql(self, node, bounds: tuple[int, int]) -> tuple[str, list]:
        """0 when the words match in a name or title, 1 when only in the body, and parameters."""
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------
    def counts(self, query: Query, filters: Filters) -> dict[str, int]:
        """How many entries of each kind the filters allow match, each counted no further
        than COUNT_CAP + 1.

        One pass over the matches usually does it, since a kind is an id block; only when
        there are too many for one pass (or the filters differ between kinds) is each kind
        counted on its own."""
        kinds = filters.kinds()
        if not query:
            return dict.fromkeys(kinds, 0)
        if filters.language or filters.section or not self.all_kinds_in_one_pass:
            return {kind: self.count(query, filters.for_kind(kind)) for kind in kinds}
        found = self.matches(query.match, Filters(year=filters.year), None, names_only=False, joined=False)
        limit = COUNT_CAP * 2
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT id / {ID_BLOCK} AS block, count(*) FROM (SELECT {found.id_sql} AS id "
                           f"FROM {found.from_sql} WHERE {found.where_sql} LIMIT {limit + 1}) AS m "
                           "GROUP BY block", found.params)
            by_block = dict(cursor.fetchall())
        if sum(by_block.values()) > limit:
            return {kind: self.count(query, filters.for_kind(kind)) for kind in kinds}
        return {kind: min(by_block.get(id_range(kind)[0] // ID_BLOCK, 0), COUNT_CAP + 1) for kind in kinds}

    def top_per_kind(self, query: Query, filters: Filters, per_group: int) -> list[Row]:
        """The best `per_group` of every kind in one statement: for searches with few matches
        (at most WINDOW in all), where one pass over all of them is the cheapest."""
        found = self.matches(query.match, Filters(year=filters.year), None, names_only=False, joined=True)
        tier, tier_params = self.tier_sql(query)
        score, score_params = self.score_sql(query.match, names_only=False)
        sql = (f"SELECT id, kind, tier FROM (SELECT id, kind, tier, ROW_NUMBER() OVER (PARTITION BY kind "
               "ORDER BY tier, score, date DESC NULLS LAST, id DESC) AS position FROM ("
               f"SELECT e.id AS id, e.kind AS kind, e.date AS date, {tier} AS tier, {score} AS score "
               f"FROM {found.from_sql} WHERE {found.where_sql}) AS matched) AS ranked "
               "WHERE position <= %s ORDER BY kind, position")
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*tier_params, *score_params, *found.params, per_group])
            return [Row(*row) for row in cursor.fetchall() if row[1] in filters.kinds()]

    def count(self, query: Query, filters: Filters) -> int:
        """How many entries of `filters.kind` match, counting no further than COUNT_CAP + 1."""
        if not query:
            return 0
        found = self.matches(query.match, filters, id_range(filters.kind), names_only=False, joined=False)
        return self._scalar(f"SELECT count(*) FROM (SELECT 1 FROM {found.from_sql} WHERE {found.where_sql} "
                            f"LIMIT {COUNT_CAP + 1}) AS counted", found.params)

    def page(self, query: Query, filters: Filters, total: int, offset: int, limit: int,
             scored: bool = True) -> list[Row]:
        """Results `offset`..`offset + limit` of one kind (`filters.kind`), of `total`.

        `scored` orders each tier by bm25 / ts_rank; without it, title matches come before
        body matches (the engine turns scoring off when the words are too common for bm25's
        document frequencies to be cheap)."""
        if not query or limit <= 0:
            return []
        bounds = id_range(filters.kind)
        if total <= WINDOW:
            return self._ranked(query, query.match, filters, bounds, offset=offset, limit=limit,
                                score="bm25" if scored else "title")
        floor = self._floor(query, filters, bounds, total)
        # A title shared by hundreds (a common song title) is a list, not a name: its newest
        # MAX_EXACT are ranked, rather than every one of them for the first five.
        exact = self._ranked(query, query.exact, filters, bounds, offset=0, limit=MAX_EXACT, score="none",
                             newest=MAX_EXACT, few=True)
        exact_ids = [row.entry_id for row in exact]
        in_window = WINDOW - sum(1 for pk in exact_ids if pk >= floor)
        rows = exact[offset:offset + limit]
        start = max(0, offset - len(exact))
        if len(rows) < limit and start < in_window:
            upto = start + limit - len(rows)
            rows += self._window(query, filters, (floor, bounds[1]), exact_ids, upto)[start:upto]
        start = max(0, offset - len(exact) - in_window)
        if len(rows) < limit:
            rows += self._older(query, filters, (bounds[0], floor - 1), exact_ids, offset=start,
                                limit=limit - len(rows))
        return rows

    def pages(self, query: Query, requests: list[tuple[Filters, int, int, int]],
              scored: bool = True) -> list[list[Row]]:
        """`page` for each (filters, total, offset, limit) of `requests`, in that order; a
        backend may answer several kinds at once."""
        return [self.page(query, filters, total, offset, limit, scored)
                for filters, total, offset, limit in requests]

    def _window(self, query: Query, filters: Filters, bounds, exact_ids: list[int], upto: int) -> list[Row]:
        """The first `upto` of the matches within `bounds` (the window: the WINDOW newest) but
        the exact ones, in rank order, title matches first."""
        return self._ranked(query, query.match, filters, bounds, offset=0, limit=upto,
                            exclude=exact_ids, score="title")

    def suggest(self, query: Query, limit: int) -> list[Row]:
        """The best matches on names and titles alone, for the search box: by tier (exact names
        first), then people before videos before the rest. Within a tier and kind, entries
        found by their own tokens (exact, then other-script) come before those found by how
        their name starts, and those before the window's; each of these newest first.

        Exact names and names in another script come by their own tokens, and names that
        start with the letters by a range of the names' index (SearchName), newest first:
        tiers 0 and 1, which for a few typed letters are usually enough. Only when they are
        not is one window of the WINDOW newest name matches read for the other tiers; the id
        blocks rise in the order the box prefers (models.id_range), so a common prefix fills
        that window with people before videos before articles."""
        if not query:
            return []
        # Exact names are few and always read whole; sound keys also match every name that
        # shares a word, so only their newest are read.
        rows = self._ranked(query, query.exact, Filters(), None, 0, limit, names_only=True, score="none")
        if query.sound_keys:
            sounding = AnyOf(tuple(Term(key) for key in query.sound_keys))
            rows += self._ranked(query, sounding, Filters(), None, 0, limit, names_only=True,
                                 score="none", newest=WINDOW)
        if len(query.words[-1]) >= MIN_PREFIX_CHARS:
            rows += self._rows(query, dict.fromkeys(self._names_starting(query.phrase, WINDOW), 0))
        best = {}
        for row in rows:
            best.setdefault(row.entry_id, row)
        if sum(1 for row in best.values() if row.tier <= 1) < limit:
            for row in self._ranked(query, query.match, Filters(), None, 0, limit, names_only=True,
                                    score="none", newest=WINDOW):
                best.setdefault(row.entry_id, row)
        order = {kind: position for position, kind in enumerate(Kind.values)}
        return sorted(best.values(), key=lambda row: (row.tier, order[row.kind]))[:limit]

    def _names_starting(self, phrase: str, limit: int) -> list[int]:
        """The `limit` highest ids of entries with a name or title that starts with `phrase`."""
        where, params = self.starts_with_sql("name", phrase)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT entry_id FROM {self.name_table} WHERE {where} "
                           f"ORDER BY entry_id DESC LIMIT {int(limit)}", params)
            return [pk for pk, in cursor.fetchall()]

    def starts_with_sql(self, column: str, prefix: str) -> tuple[str, list]:
        """`column` starts with `prefix`, as a range its index reads (bytes, as SQLite compares)."""
        if not prefix:
            return "1 = 0", []
        # Below the prefix followed by the highest code point: every longer name that starts
        # with it, and nothing else (UTF-8 keeps code point order in bytes).
        return f"{column} >= %s AND {column} < %s", [prefix, prefix + chr(0x10FFFF)]

    def _floor(self, query: Query, filters: Filters, bounds, total: int) -> int | None:
        """The id of the WINDOW-th newest match (of `total`, counted up to COUNT_CAP + 1), or
        None when there are fewer."""
        found = self.matches(query.match, filters, bounds, names_only=False, joined=False)
        return self._scalar(f"SELECT {found.id_sql} FROM {found.from_sql} WHERE {found.where_sql} "
                            f"ORDER BY {found.id_sql} DESC LIMIT 1 OFFSET {WINDOW - 1}", found.params)

    def _ranked(self, query: Query, node, filters: Filters, bounds, offset: int, limit: int,
                names_only: bool = False, exclude=(), score: str = "bm25",
                newest: int | None = None, few: bool = False) -> list[Row]:
        """Matches of `node` within `bounds` (only the `newest` of them, if given), by tier,
        then by `score` ("bm25": bm25 / ts_rank, "title": title matches first, "none"), then
        kind (across kinds) and newest first. Callers keep this to a few hundred matches.

        The matches come from the full-text index alone, and their entries are then read by
        id and put in order here: a planner shown ORDER BY tier LIMIT 5 over a join may walk
        all 350,000 entries in tier order hoping to stop early, to find 20 matches."""
        if score == "bm25":
            score_sql, score_params = self.score_sql(node, names_only)
        elif score == "title":
            score_sql, score_params = self.title_hit_sql(query.match, bounds)
        else:
            score_sql, score_params = "0", []
        found = self.matches(node, filters, bounds, names_only, joined=False)
        sql = (f"SELECT {found.id_sql}, {score_sql} FROM {found.from_sql} WHERE {found.where_sql}"
               + f" AND {found.id_sql} <> %s" * len(exclude))
        if newest:
            # `few`: the matches are expected to be few (exact names and titles), so they are
            # taken from the full-text index and sorted. Shown ORDER BY id LIMIT, PostgreSQL's
            # planner may instead walk the kind's ids down hoping to meet them soon; for a name
            # that no article holds it walked all 200,000 (300 ms for "Ли Тхэ На" at scale),
            # where a title shared by a thousand videos costs a sort of a thousand ids.
            order_by = f"{found.id_sql} + 0" if few else found.id_sql
            sql += f" ORDER BY {order_by} DESC LIMIT {newest}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*score_params, *found.params, *exclude])
            scores = dict(cursor.fetchall())
        return self._rows(query, scores, offset + limit)[offset:]

    def _rows(self, query: Query, scores: dict[int, float], upto: int | None = None) -> list[Row]:
        """The entries `scores` names (id: score), with their tiers, in rank order (the first
        `upto` of them, if given)."""
        if not scores:
            return []
        tier, tier_params = self.tier_sql(query)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id, e.kind, {tier}, e.date FROM {self.entry_table} AS e "
                           f"WHERE e.id IN ({', '.join(['%s'] * len(scores))})", [*tier_params, *scores])
            rows = [(*row, scores[row[0]]) for row in cursor.fetchall()]
        return in_rank_order(rows)[:upto]

    def _older(self, query: Query, filters: Filters, bounds, exclude: list[int],
               offset: int, limit: int) -> list[Row]:
        """Matches within `bounds` (below the window), newest first."""
        found = self.matches(query.match, filters, bounds, names_only=False, joined=False)
        where = found.where_sql + "".join(f" AND {found.id_sql} <> %s" for _ in exclude)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {found.id_sql} FROM {found.from_sql} WHERE {where} "
                           f"ORDER BY {found.id_sql} DESC LIMIT %s OFFSET %s",
                           [*found.params, *exclude, limit, offset])
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


def in_rank_order(rows) -> list[Row]:
    """(id, kind, tier, date, score) rows by tier, score (lower is better) and kind, then newest."""
    kinds = {kind: position for position, kind in enumerate(Kind.values)}
    rows = sorted(rows, key=lambda row: (str(row[3] or ""), row[0]), reverse=True)
    rows.sort(key=lambda row: (row[2], row[4] or 0, kinds[row[1]]))  # stable: newest first within
    return [Row(pk, kind, tier) for pk, kind, tier, _, _ in rows]


def render_tree(node, term, any_of: str, all_of: str) -> str:
    """Render a term tree with `term(Term) -> str` and the vendor's OR / AND operators."""
    if isinstance(node, Term):
        return term(node)
    parts = [render_tree(part, term, any_of, all_of) for part in node.parts]
    if len(parts) == 1:
        return parts[0]
    operator = any_of if isinstance(node, AnyOf) else all_of
    return "(" + f" {operator} ".join(parts) + ")"
