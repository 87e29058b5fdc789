"""PostgreSQL: generated tsvector columns over the entry table's token columns, with GIN indexes.

The tokens are made by `search.analysis`, so no text search configuration touches them: a small
SQL function turns the space-separated tokens into a tsvector literal (positions and a weight,
no parser, no dictionary), which keeps the lexemes exactly as SQLite's FTS5 sees them whatever
the database's locale. `head` holds titles and name keys (weights A and B) and is what the search
box and ranking read; `document` adds the body (weight D) and is what a search matches. Body
tokens are stored once each, so ranking the small `head` loses nothing and never reads a long
article's vector.
"""
from .base import TABLE, Backend, Filters, Matches, render_tree

FUNCTION = "sitesearch_tsvector"
_COLUMNS = {
    "head": f"{FUNCTION}(title_tokens, 'A') || {FUNCTION}(key_tokens, 'B')",
    "document": (f"{FUNCTION}(title_tokens, 'A') || {FUNCTION}(key_tokens, 'B') "
                 f"|| {FUNCTION}(body_tokens, 'D')"),
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


def _quoted(term) -> str:
    # Tokens are letters, digits, ':' and '~' (search.analysis), never a quote or a backslash.
    return f"'{term.token}'" + (":*" if term.prefix else "")


class PostgresBackend(Backend):
    vendor = "postgresql"

    def install(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(_FUNCTION_SQL)
            for column, expression in _COLUMNS.items():
                cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {column} tsvector "
                               f"GENERATED ALWAYS AS ({expression}) STORED")
        self._create_indexes()

    def uninstall(self) -> None:
        with self.connection.cursor() as cursor:
            self._drop_indexes()
            for column in _COLUMNS:
                cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {column}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text, \"char\")")

    # GIN indexes are far faster to build once over all rows than to grow row by row.
    def begin_bulk(self) -> None:
        self._drop_indexes()

    def end_bulk(self) -> None:
        self._create_indexes()
        with self.connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")

    def _create_indexes(self) -> None:
        with self.connection.cursor() as cursor:
            for column in _COLUMNS:
                cursor.execute(f"CREATE INDEX IF NOT EXISTS sitesearch_{column}_gin ON {TABLE} "
                               f"USING gin ({column})")

    def _drop_indexes(self) -> None:
        with self.connection.cursor() as cursor:
            for column in _COLUMNS:
                cursor.execute(f"DROP INDEX IF EXISTS sitesearch_{column}_gin")

    def render(self, node) -> str:
        return render_tree(node, _quoted, "|", "&")

    def matches(self, node, filters: Filters, names_only: bool, joined: bool) -> Matches:
        # Filters are plain columns: the planner combines the GIN match with the (kind, year)
        # index when that helps.
        where = f"e.{'head' if names_only else 'document'} @@ %s::tsquery"
        params = [self.render(node)]
        for column in ("kind", "language", "section", "year"):
            value = getattr(filters, column)
            if value:
                where += f" AND e.{column} = %s"
                params.append(value)
        return Matches(f"{TABLE} AS e", where, params, "e.id")

    def score_sql(self, node, names_only: bool) -> tuple[str, list]:
        return "-ts_rank(e.head, %s::tsquery)", [self.render(node)]
