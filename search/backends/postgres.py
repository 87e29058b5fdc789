"""PostgreSQL: generated tsvector columns over the text table's token columns, with GIN indexes.

The tokens are made by `search.analysis`, so no text search configuration touches them: a small
SQL function turns the space-separated tokens into a tsvector literal (positions and a weight,
no parser, no dictionary), which keeps the lexemes exactly as SQLite's FTS5 sees them whatever
the database's locale. `head` holds titles and name keys (weights A and B) and is what the search
box and ranking read; `document` adds the body (D) and the facets (C) and is what a search
matches. Body tokens are stored once each, so ranking the small `head` loses nothing and never
reads a long article's vector. A kind is a range of the primary key, which the planner combines
with the GIN match.
"""
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import transaction

from ..analysis import AnyOf, Term
from ..models import Kind, id_range
from . import base
from .base import Backend, Filters, Matches, Row, render_tree

# How many of a kind's newest rows a search reads before it asks the kind's index (see _probe):
# a common word fills the window and the count there at once, a small kind is read whole, and a
# rare word costs this scan (a few ms) before the index.
_RECENT_ROWS = 2_000
# The first rows of those read on their own: a word none of them holds is too rare for the rest
# to settle its count or window (reading on takes about one row in fifty), so the index is asked
# at once. A name in a few dozen of 200,000 articles cost the whole 2,000-row read for nothing.
_FIRST_ROWS = 250
# Reading on costs ~0.5 µs a row against ~3 µs a match for the kind's bitmap (measured on the
# 200,000 articles of bench/scale.py, warm): reading to the count is the cheaper for words in
# more than about one article in thirty, which reach it within this many rows.
_PROBE_MAX_ROWS = 30_000
# Past the window, the rest of the count (up to the cap) is read on only for words in more than
# one row in ten. For the others the kind's index counts it for less: a bitmap costs ~0.15 µs a
# match and the count stops at the cap (~4 ms for a word in 15,000 articles), where reading on
# costs ~1 µs a row (14 ms for the 14,000 rows that held those articles' first thousand).
_READ_ON_TO_THE_CAP = 0.1


@dataclass(frozen=True)
class Probe:
    """What a kind's newest rows hold for one query."""
    ids: list[int]   # their matches, newest first, at most COUNT_CAP + 1
    complete: bool   # they were all of the kind's rows: `ids` are all its matches
    older: int | None = None  # matches below the rows read, counted as far as the cap needs

    @property
    def counted(self) -> bool:
        """Whether the kind's count is settled: `ids` are all its matches, or more than are
        ever counted, or the older ones were counted too."""
        return self.complete or len(self.ids) > base.COUNT_CAP or self.older is not None

    @property
    def count(self) -> int:
        return min(len(self.ids) + (self.older or 0), base.COUNT_CAP + 1)


@dataclass
class _Read:
    """A kind's probe while its newest rows are being read: what they have shown so far."""
    scanned: int
    ids: list[int]
    lowest: int | None
    asked: int
    complete: bool = field(init=False)  # fewer rows came than were asked: all of the kind is read
    # Reading on to the window (or the count) stays within _PROBE_MAX_ROWS, so the index is
    # asked only for the count's remainder, if any.
    within_reach: bool = field(init=False, default=False)

    def __post_init__(self):
        self.complete = self.scanned < self.asked

    def rows_to_read_on(self) -> int:
        """How many more rows the window needs (the count, for a word in more than one row in
        ten), judged by the density seen; 0 when that is past _PROBE_MAX_ROWS or all is read."""
        if self.complete or not self.ids or len(self.ids) > base.COUNT_CAP:
            return 0
        density = len(self.ids) / self.scanned
        target = base.COUNT_CAP + 1 if density > _READ_ON_TO_THE_CAP else base.WINDOW
        more = int(max(0, target - len(self.ids)) / density * 1.2)
        self.within_reach = self.scanned + more <= _PROBE_MAX_ROWS
        return more if self.within_reach else 0

    def counts_below(self) -> bool:
        """Whether the index must count the matches below the rows read."""
        return self.within_reach and not self.complete and len(self.ids) <= base.COUNT_CAP


FUNCTION = "sitesearch_tsvector"
TEXT_TABLE = "sitesearch_searchtext"
ENTRY_TABLE = "sitesearch_searchentry"
_HEAD = f"{FUNCTION}(title_tokens, 'A') || {FUNCTION}(key_tokens, 'B')"
COLUMNS = {
    "head": _HEAD,
    "document": f"{_HEAD} || {FUNCTION}(facets, 'C') || {FUNCTION}(body_tokens, 'D')",
}
# tsvector positions stop at 16383.
_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}(tokens text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(coalesce(string_agg('''' || token || ''':' || least(position, 16383), ' ')::tsvector,
                            ''::tsvector), weight)
  FROM unnest(string_to_array(tokens, ' ')) WITH ORDINALITY AS words(token, position)
  WHERE token <> ''
$$"""
# One key for the advisory lock that serialises id assignment ("sitesearch" in ASCII, folded).
_WRITE_LOCK = 0x73697465736561


def _quoted(term) -> str:
    # Tokens are letters, digits and the markers of search.analysis, never a quote or a backslash.
    return f"'{term.token}'" + (":*" if term.prefix else "")


@lru_cache(maxsize=256)
def _tsquery(node) -> str:
    """The tsquery text for a term tree, with ORs inside ORs merged and repeated parts dropped.

    A short query also matches its whole-name keys, which for one word are that word's own
    forms again ("signal | ~csiknal | … | signal | ~csiknal | …"), and PostgreSQL tests every
    operand against every row it reads. What matches is the same; so is ts_rank, which drops
    repeated operands itself."""
    return render_tree(_merged(node), _quoted, "|", "&")


def _merged(node):
    if isinstance(node, Term):
        return node
    parts = []
    for part in map(_merged, node.parts):
        parts += part.parts if isinstance(node, AnyOf) and isinstance(part, AnyOf) else [part]
    return type(node)(tuple(dict.fromkeys(parts)))


class PostgresBackend(Backend):
    vendor = "postgresql"
    # Each kind has its own index (install_kind_indexes): there is no cheap pass over all kinds.
    all_kinds_in_one_pass = False

    def __init__(self, connection):
        super().__init__(connection)
        self._probes: dict[tuple, Probe] = {}
        # A kind's WINDOW newest matches, newest first, where its index counted it.
        self._newest: dict[tuple, list[int]] = {}

    @contextmanager
    def unprepared(self):
        """A search's statements are planned for their words every time. A prepared statement
        turns into one generic plan after a few runs (settings: DATABASE_PREPARED_STATEMENTS),
        which knows neither how common the words are nor which kind's partial index the id
        bounds allow: Russian words went from 38 to 278 ms at p95 with it."""
        self.connection.ensure_connection()
        raw = self.connection.connection
        threshold, raw.prepare_threshold = raw.prepare_threshold, None
        try:
            yield self
        finally:
            raw.prepare_threshold = threshold

    def install(self, table: str = TEXT_TABLE, columns: dict[str, str] | None = None) -> None:
        """The function, the generated columns of `table` and their GIN indexes.

        Migrations pass the table and columns as they were at their point in history."""
        with self.connection.cursor() as cursor:
            cursor.execute(_FUNCTION_SQL)
            for column, expression in (columns or COLUMNS).items():
                cursor.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} tsvector "
                               f"GENERATED ALWAYS AS ({expression}) STORED")
        self._create_indexes(table, columns or COLUMNS)

    def uninstall(self, table: str = TEXT_TABLE, columns=COLUMNS) -> None:
        self.uninstall_kind_indexes()
        with self.connection.cursor() as cursor:
            for column in columns:
                cursor.execute(f"DROP INDEX IF EXISTS sitesearch_{column}_gin")
                cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text, \"char\")")

    def install_kind_indexes(self, table: str = TEXT_TABLE) -> None:
        """A GIN index of `document` per kind (a partial index over the kind's id block).

        A common word matches 200,000 documents, and building a bitmap of them all takes one
        GIN index of everything ~80 ms before anything is counted; the kind's own index holds
        only its matches, and the planner then picks it, or a walk down the primary key when
        the word is everywhere in that kind. Every search of `document` names a kind's id
        range, so there is no index of all documents for the planner to pick by mistake."""
        with self.connection.cursor() as cursor:
            for kind in Kind.values:
                start, end = id_range(kind)
                cursor.execute(f"CREATE INDEX IF NOT EXISTS sitesearch_document_{kind}_gin ON {table} "
                               f"USING gin (document) WHERE entry_id >= {start} AND entry_id <= {end}")

    def uninstall_kind_indexes(self) -> None:
        with self.connection.cursor() as cursor:
            for kind in Kind.values:
                cursor.execute(f"DROP INDEX IF EXISTS sitesearch_document_{kind}_gin")

    # GIN indexes are far faster to build once over all rows than to grow row by row.
    def begin_bulk(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS sitesearch_head_gin")
        self.uninstall_kind_indexes()

    def end_bulk(self) -> None:
        with self.connection.cursor() as cursor:
            # The texts' foreign keys are checked at commit; an index cannot be built over a
            # table with checks pending, so they run now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        self._create_indexes(TEXT_TABLE, ["head"])  # `document` is indexed per kind only
        self.install_kind_indexes()
        with self.connection.cursor() as cursor:
            # The names too: the box reads them by an index range, planned from these figures.
            for table in (TEXT_TABLE, ENTRY_TABLE, self.name_table):
                cursor.execute(f"ANALYZE {table}")

    def lock_for_writing(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])

    def _create_indexes(self, table: str, columns) -> None:
        with self.connection.cursor() as cursor:
            for column in columns:
                cursor.execute(f"CREATE INDEX IF NOT EXISTS sitesearch_{column}_gin ON {table} "
                               f"USING gin ({column})")

    def render(self, node) -> str:
        return _tsquery(node)

    def matches(self, node, filters: Filters, bounds, names_only: bool, joined: bool) -> Matches:
        rendered = self.render(node)
        facets = filters.facets()
        if facets:
            rendered = f"({rendered}) & " + " & ".join(f"'{facet}'" for facet in facets)
        where = f"t.{'head' if names_only else 'document'} @@ %s::tsquery"
        params = [rendered]
        if bounds:
            # Spelled as the kind indexes' predicates are, so the planner can use them.
            where += " AND t.entry_id >= %s AND t.entry_id <= %s"
            params += list(bounds)
        from_sql = f"{TEXT_TABLE} AS t" + (f" JOIN {ENTRY_TABLE} AS e ON e.id = t.entry_id" if joined else "")
        return Matches(from_sql, where, params, "t.entry_id")

    def score_sql(self, node, names_only: bool) -> tuple[str, list]:
        return "-ts_rank(t.head, %s::tsquery)", [self.render(node)]

    # The planner cannot know how common a word is within one kind (its statistics are of the
    # whole column), so it may walk a kind of 50,000 rows for a word that 20 of them have.
    # Counting and paging are therefore told to use the kind's own index, which costs at most
    # a bitmap of the kind's matches; the window walks down the newest rows, where common words
    # are found at once, and asks the index only when they are not.
    # Nor in parallel: the kinds counted in one statement are a UNION, which the planner hands
    # to two workers, and starting them took 10 ms where the counting took 0.1.
    _INDEX_SCANS_ONLY = {"enable_seqscan": "off", "enable_indexscan": "off",
                         "max_parallel_workers_per_gather": "0"}

    @contextmanager
    def _index_scans_only(self):
        # SET LOCAL lasts until the transaction ends: at once when this block is the transaction,
        # only at the outer one's end when it is a savepoint inside one, hence the reset there.
        nested = self.connection.in_atomic_block
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("; ".join(f"SET LOCAL {name} = {value}"
                                     for name, value in self._INDEX_SCANS_ONLY.items()))
            try:
                yield
            finally:
                if nested:
                    cursor.execute("; ".join(f"SET LOCAL {name} = DEFAULT"
                                             for name in self._INDEX_SCANS_ONLY))

    def _probe(self, query, filters: Filters) -> Probe:
        """The matches among the newest rows of `filters.kind` (see _probes_of)."""
        return self._probes_of(query, [filters])[0]

    def _probes_of(self, query, kinds_filters: list[Filters]) -> list[Probe]:
        """The matches among the newest rows of `filters.kind`, read down the primary key
        without the full-text index, once per search (a search counts a kind, then pages it,
        with the same query). Each step is taken for every kind in one statement (_probes_on): a
        search asks seven kinds, and seven round trips cost more than the reading.

        A common word matches 100,000 articles, and the kind's index would build a bitmap of
        them all just to count to 1,000 or find the window's floor; here both are found among the
        newest rows. A small kind (albums, films) is read whole, so its count and its ranking
        need no index at all. When the first _RECENT_ROWS rows show a word common enough that
        reading on is cheaper than the bitmap, reading goes on (once) as far as the count needs,
        up to _PROBE_MAX_ROWS. The first _FIRST_ROWS are read alone: a word none of them holds
        (a name, most titles) goes to the index straight away, whose answer for a rare word is
        the same and cheaper than the rest of the read.

        Reading on goes as far as the window (its matches and floor come from nothing else as
        cheaply) and, for a word in more than one row in ten, on to the count; the count's
        remainder is otherwise asked of the index, which stops at the cap
        (_READ_ON_TO_THE_CAP). It also catches older rows sparser than the density seen
        predicted, instead of the index aggregating every match of a common word (~200 ms for
        15,000 articles)."""
        keys = [self._key(query, filters) for filters in kinds_filters]
        unread = {key: filters.kind for key, filters in zip(keys, kinds_filters, strict=True)
                  if key not in self._probes}
        if unread:
            self._probes.update(self._probes_on(unread))
        return [self._probes[key] for key in keys]

    def _probes_on(self, kinds: dict[tuple[str, str], str]) -> dict[tuple[str, str], Probe]:
        """The probes of `kinds` ({key: kind}), read in stages, every kind's step of a stage in
        one statement: the first rows, the rest of the recent ones, on to the window or the
        count, and the count's remainder from the index."""
        first = min(_FIRST_ROWS, _RECENT_ROWS)
        reads = {key: _Read(*found, asked=first) for key, found in zip(
            kinds, self._read_newest_of([(key[0], *id_range(kind), first) for key, kind in kinds.items()]),
            strict=True)}
        # A word among the first rows: read the rest of the recent ones.
        self._read_on(reads, kinds, {key: _RECENT_ROWS - read.asked for key, read in reads.items()
                                     if read.ids and read.scanned == read.asked < _RECENT_ROWS})
        self._read_on(reads, kinds, {key: more for key, read in reads.items()
                                     if (more := read.rows_to_read_on())})
        below = {key: base.COUNT_CAP + 1 - len(read.ids) for key, read in reads.items()
                 if read.counts_below()}
        counted = self._counts_below([(key[0], id_range(kinds[key])[0], reads[key].lowest - 1, limit)
                                      for key, limit in below.items()])
        older = dict(zip(below, counted, strict=True))
        return {key: Probe(read.ids[:base.COUNT_CAP + 1], complete=read.complete, older=older.get(key))
                for key, read in reads.items()}

    def _read_on(self, reads: dict, kinds: dict, rows: dict[tuple[str, str], int]) -> None:
        """Read `rows[key]` more rows of each kind below what its read has seen, all in one
        statement."""
        found = self._read_newest_of([(key[0], id_range(kinds[key])[0], reads[key].lowest - 1, count)
                                      for key, count in rows.items()])
        for (key, count), (scanned, ids, lowest) in zip(rows.items(), found, strict=True):
            read = reads[key]
            read.complete = scanned < count
            read.scanned, read.ids, read.asked = read.scanned + scanned, read.ids + ids, read.asked + count
            read.lowest = lowest if scanned else read.lowest

    def _counts_below(self, ranges: list[tuple[str, int, int, int]]) -> list[int]:
        """For each (tsquery, start, end, limit): how many entries in start..end match, counting
        no further than `limit`, through the kind's index; all in one statement."""
        if not ranges:
            return []
        statements = [f"SELECT {position}, count(*) FROM (SELECT 1 FROM {TEXT_TABLE} AS t WHERE "
                      "t.document @@ %s::tsquery AND t.entry_id >= %s AND t.entry_id <= %s "
                      f"LIMIT {int(limit)}) AS counted"
                      for position, (_, _, _, limit) in enumerate(ranges)]
        with self._index_scans_only(), self.connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(statements),
                           [value for tsquery, start, end, _ in ranges for value in (tsquery, start, end)])
            found = dict(cursor.fetchall())
        return [found[position] for position in range(len(ranges))]

    def _key(self, query, filters: Filters) -> tuple[str, str]:
        """What one kind's probe, count and floor are kept under for the rest of the search: the
        kind's tsquery (its facets included) and the kind."""
        rendered = self.matches(query.match, filters, None, names_only=False, joined=False).params[0]
        return rendered, filters.kind

    def _read_newest_of(self, ranges: list[tuple[str, int, int, int]]) -> list[tuple[int, list[int], int]]:
        """For each (tsquery, start, end, rows): of the `rows` highest ids in start..end, how many
        there were, the ids among them matching `tsquery` (newest first, at most COUNT_CAP + 1)
        and the lowest id read; all in one statement."""
        if not ranges:
            return []
        statements = [f"SELECT {position}, count(*), (array_agg(entry_id ORDER BY entry_id DESC) FILTER "
                      f"(WHERE matched))[1:{base.COUNT_CAP + 1}], min(entry_id) FROM (SELECT t.entry_id, "
                      f"t.document @@ %s::tsquery AS matched FROM {TEXT_TABLE} AS t "
                      "WHERE t.entry_id >= %s AND t.entry_id <= %s "
                      f"ORDER BY t.entry_id DESC LIMIT {int(rows)}) AS recent"
                      for position, (_, _, _, rows) in enumerate(ranges)]
        with self.connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(statements),
                           [value for tsquery, start, end, _ in ranges for value in (tsquery, start, end)])
            found = {position: (scanned, ids or [], lowest)
                     for position, scanned, ids, lowest in cursor.fetchall()}
        return [found[position] for position in range(len(ranges))]

    def counts(self, query, filters):
        kinds = filters.kinds()
        if not query:
            return dict.fromkeys(kinds, 0)
        probes = self._probes_of(query, [filters.for_kind(kind) for kind in kinds])
        probes = dict(zip(kinds, probes, strict=True))
        counted = {kind: probe.count for kind, probe in probes.items() if probe.counted}
        uncounted = [filters.for_kind(kind) for kind in kinds if kind not in counted]
        if uncounted:
            counted.update(zip([each.kind for each in uncounted], self._counts_and_floors(query, uncounted),
                               strict=True))
        return {kind: counted[kind] for kind in kinds}

    def _counts_and_floors(self, query, kinds_filters: list[Filters]) -> list[int]:
        """Each kind's count from its index (up to COUNT_CAP + 1), and on the way its window
        (its WINDOW newest matches), which paging would otherwise ask the index for again; all
        the kinds in one statement.

        Only words the probe left unsettled come here: rarer than one row in thirty of their
        kind (or the probe would have read on), so aggregating all their matches is cheap."""
        statements, params = [], []
        for position, filters in enumerate(kinds_filters):
            found = self.matches(query.match, filters, id_range(filters.kind), names_only=False, joined=False)
            statements.append(f"SELECT {position}, count(*), (array_agg({found.id_sql} ORDER BY "
                              f"{found.id_sql} DESC))[1:{base.WINDOW}] FROM {found.from_sql} "
                              f"WHERE {found.where_sql}")
            params += found.params
        with self._index_scans_only(), self.connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(statements), params)
            found = {position: (count, newest or []) for position, count, newest in cursor.fetchall()}
        counts = []
        for position, filters in enumerate(kinds_filters):
            count, newest = found[position]
            self._newest[self._key(query, filters)] = newest
            counts.append(min(count, base.COUNT_CAP + 1))
        return counts

    def page(self, query, filters, total, offset, limit, scored=True):
        return self.pages(query, [(filters, total, offset, limit)], scored)[0]

    def pages(self, query, requests, scored=True):
        """Kinds whose matches this search already holds all of (from their probes or their
        counts) are ranked together in one statement; the others page on their own."""
        known = {}
        for position, (filters, total, _, limit) in enumerate(requests):
            ids = self._all_matches(query, filters, total) if query and limit > 0 else None
            if ids is not None:
                known[position] = ids
        upto = max((offset + limit for position, (_, _, offset, limit) in enumerate(requests)
                    if position in known), default=0)
        ranked = self._ranked_ids(query, [pk for ids in known.values() for pk in ids], scored, upto)
        answers = []
        for position, (filters, total, offset, limit) in enumerate(requests):
            if position in known:
                answers.append([row for row in ranked if row.kind == filters.kind][offset:offset + limit])
            else:
                answers.append(super().page(query, filters, total, offset, limit, scored))
        return answers

    def _all_matches(self, query, filters, total: int) -> list[int] | None:
        """All of a kind's matches when the search has seen every one (at most WINDOW of them),
        else None."""
        if total > base.WINDOW:
            return None
        probe = self._probe(query, filters)
        if probe.counted and probe.count == len(probe.ids):
            return probe.ids
        newest = self._newest.get(self._key(query, filters))
        return newest if newest is not None and len(newest) >= total else None

    def _ranked_ids(self, query, ids: list[int], scored: bool, upto: int) -> list:
        """The first `upto` of each kind of the entries `ids` (all the matches of some kinds,
        from their probes or counts, or a kind's window) in rank order, kind by kind, in one
        statement: the order `in_rank_order` gives the matches `_ranked` finds through the
        index. Ordered here, only the rows shown come back: a window's 500 rows cost more to
        send and sort in Python than to rank."""
        if not ids or upto <= 0:
            return []
        tier, tier_params = self.tier_sql(query)
        score, score_params = (self.score_sql(query.match, names_only=False) if scored
                               else self.title_hit_sql(query.match, None))
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT id, kind, tier FROM (SELECT id, kind, tier, ROW_NUMBER() OVER ("
                           "PARTITION BY kind ORDER BY tier, score, date DESC NULLS LAST, id DESC) "
                           f"AS position FROM (SELECT e.id, e.kind, e.date, {tier} AS tier, {score} AS score "
                           f"FROM unnest(%s::bigint[]) AS matched_id(id) JOIN {ENTRY_TABLE} AS e "
                           f"ON e.id = matched_id.id JOIN {TEXT_TABLE} AS t ON t.entry_id = e.id) "
                           "AS matched) AS ranked WHERE position <= %s "
                           "ORDER BY kind, position",
                           [*tier_params, *score_params, ids, int(upto)])
            return [Row(*row) for row in cursor.fetchall()]

    def _rows(self, query, scores, upto=None):
        """As the base class's, ordered here: a title in 961 videos is one exact match each,
        and only the few shown need to come back."""
        if not scores:
            return []
        tier, tier_params = self.tier_sql(query)
        kinds = " ".join(f"WHEN '{kind}' THEN {position}" for position, kind in enumerate(Kind.values))
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id, e.kind, {tier} FROM {ENTRY_TABLE} AS e "
                           "JOIN unnest(%s::bigint[], %s::float8[]) AS s(id, score) ON s.id = e.id "
                           f"ORDER BY 3, s.score, CASE e.kind {kinds} END, e.date DESC NULLS LAST, e.id DESC"
                           + (" LIMIT %s" if upto is not None else ""),
                           [*tier_params, list(scores), [float(score or 0) for score in scores.values()],
                            *([int(upto)] if upto is not None else [])])
            return [Row(*row) for row in cursor.fetchall()]

    def _window(self, query, filters, bounds, exact_ids, upto):
        """The window's matches are known when the probe found that many, or the index counted
        the kind: read by id, they need no second pass over the kind's index (a common word's
        500 articles took 12 ms that way)."""
        newest = self._known_newest(query, filters)
        if len(newest) < base.WINDOW:
            return super()._window(query, filters, bounds, exact_ids, upto)
        exact = set(exact_ids)
        return self._ranked_ids(query, [pk for pk in newest if pk not in exact], scored=False, upto=upto)

    def _known_newest(self, query, filters) -> list[int]:
        """The kind's newest matches (up to WINDOW, newest first) as far as this search has
        seen them: from its probe, or from counting it through the index."""
        probe = self._probe(query, filters)
        if len(probe.ids) >= base.WINDOW or probe.complete:
            return probe.ids[:base.WINDOW]
        return self._newest.get(self._key(query, filters), [])

    def _older(self, *args, **kwargs):
        with self._index_scans_only():
            return super()._older(*args, **kwargs)

    def _floor(self, query, filters, bounds, total):
        probe = self._probe(query, filters)
        newest = self._known_newest(query, filters)
        if len(newest) >= base.WINDOW:
            return newest[base.WINDOW - 1]
        if probe.complete or self._key(query, filters) in self._newest:
            return None  # fewer than WINDOW matches in all
        with self._index_scans_only():
            return super()._floor(query, filters, bounds, total)

    def starts_with_sql(self, column: str, prefix: str) -> tuple[str, list]:
        # The index is text_pattern_ops (models.SearchName): LIKE reads it as a range of bytes
        # whatever the collation, where < and > would follow the collation and miss it.
        if not prefix:
            return "1 = 0", []
        return f"{column} LIKE %s", [base._like(prefix) + "%"]

    def title_hit_sql(self, node, bounds) -> tuple[str, list]:
        return "CASE WHEN t.head @@ %s::tsquery THEN 0 ELSE 1 END", [self.render(node)]
