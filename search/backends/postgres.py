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

from django.db import transaction

from ..models import Kind, id_range
from .base import WINDOW, Backend, Filters, Matches, render_tree

# How far down a kind's newest rows the window is looked for before asking the kind's index: a
# common word fills it at once; a rare one costs a scan of this many rows (~5 ms) and then the index.
_RECENT_ROWS = 2_000

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


class PostgresBackend(Backend):
    vendor = "postgresql"
    # Each kind has its own index (install_kind_indexes): there is no cheap pass over all kinds.
    all_kinds_in_one_pass = False

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
            cursor.execute(f"ANALYZE {TEXT_TABLE}")
            cursor.execute(f"ANALYZE {ENTRY_TABLE}")

    def lock_for_writing(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])

    def _create_indexes(self, table: str, columns) -> None:
        with self.connection.cursor() as cursor:
            for column in columns:
                cursor.execute(f"CREATE INDEX IF NOT EXISTS sitesearch_{column}_gin ON {table} "
                               f"USING gin ({column})")

    def render(self, node) -> str:
        return render_tree(node, _quoted, "|", "&")

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
    @contextmanager
    def _index_scans_only(self):
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            try:
                yield
            finally:
                cursor.execute("SET LOCAL enable_seqscan = DEFAULT")
                cursor.execute("SET LOCAL enable_indexscan = DEFAULT")

    def counts(self, query, filters):
        with self._index_scans_only():
            return super().counts(query, filters)

    def _older(self, *args, **kwargs):
        with self._index_scans_only():
            return super()._older(*args, **kwargs)

    def _floor(self, query, filters, bounds, total):
        found = self.matches(query.match, filters, bounds, names_only=False, joined=False)
        recent = (f"SELECT t.entry_id, t.document FROM {TEXT_TABLE} AS t WHERE t.entry_id >= %s "
                  f"AND t.entry_id <= %s ORDER BY t.entry_id DESC LIMIT {_RECENT_ROWS}")
        floor = self._scalar(f"SELECT t.entry_id FROM ({recent}) AS t WHERE t.document @@ %s::tsquery "
                             f"ORDER BY t.entry_id DESC LIMIT 1 OFFSET {WINDOW - 1}",
                             [*bounds, found.params[0]])
        if floor is not None:
            return floor
        with self._index_scans_only():
            return super()._floor(query, filters, bounds, total)

    def title_hit_sql(self, node, bounds) -> tuple[str, list]:
        return "CASE WHEN t.head @@ %s::tsquery THEN 0 ELSE 1 END", [self.render(node)]
