"""SQLite: an FTS5 table over the text table's token columns, kept in step by triggers.

The tokens are made by `search.analysis`, so FTS5 only has to split on spaces: the `ascii`
tokenizer leaves every non-ASCII letter alone (no second folding that could disagree with ours)
and `tokenchars` keeps the markers of keys (`:~=_`) and of facets (`-` in section slugs) inside
their tokens. The FTS table stores no text of its own (`content=` the text table); its rowid is
the entry id, so a kind is a rowid range, which FTS5 seeks to directly. bm25 weighs title words
above name keys above body words; the filters other than kind are terms of a `facets` column.
"""
from .base import Backend, Filters, Matches, render_tree

FTS = "sitesearch_fts"
TEXT_TABLE = "sitesearch_searchtext"
ENTRY_TABLE = "sitesearch_searchentry"
COLUMNS = ("title_tokens", "key_tokens", "body_tokens", "facets")
WEIGHTS = (*Backend.WEIGHTS, 0.0)
_NAME_COLUMNS = "{title_tokens key_tokens}"
_TRIGGERS = ("sitesearch_fts_insert", "sitesearch_fts_delete", "sitesearch_fts_update")


def _quoted(term) -> str:
    # Tokens never contain a double quote (search.analysis, search.documents.facets).
    return f'"{term.token}"' + ("*" if term.prefix else "")


class SqliteBackend(Backend):
    vendor = "sqlite"

    def install(self, table: str = TEXT_TABLE, rowid: str = "entry_id",
                columns: tuple[str, ...] = COLUMNS) -> None:
        """Create the FTS table over `columns` of `table`, fill it, add the triggers.

        Migrations pass the table as it was at their point in history."""
        values = {prefix: ", ".join(f"{prefix}.{column}" for column in columns) for prefix in ("old", "new")}
        names = ", ".join(columns)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({names}, content='{table}', "
                f"content_rowid='{rowid}', tokenize=\"ascii tokenchars '~:=_-'\", prefix='2 3')")
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
            delete = (f"INSERT INTO {FTS}({FTS}, rowid, {names}) "
                      f"VALUES ('delete', old.{rowid}, {values['old']});")
            insert = f"INSERT INTO {FTS}(rowid, {names}) VALUES (new.{rowid}, {values['new']});"
            for name, event, body in zip(_TRIGGERS, ("INSERT", "DELETE", "UPDATE"),
                                         (insert, delete, delete + " " + insert), strict=True):
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} "
                               f"BEGIN {body} END")

    def uninstall(self) -> None:
        with self.connection.cursor() as cursor:
            for name in _TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")

    # A full rebuild fills the tables without triggers, then indexes them in one pass.
    def begin_bulk(self) -> None:
        self.uninstall()

    def end_bulk(self) -> None:
        self.install()
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")

    def render(self, node) -> str:
        return render_tree(node, _quoted, "OR", "AND")

    def _expression(self, node, filters: Filters, names_only: bool) -> str:
        expression = self.render(node)
        if names_only:
            expression = f"{_NAME_COLUMNS} : ({expression})"
        facets = filters.facets()
        if facets:
            expression = f"({expression}) AND facets : (" + " AND ".join(f'"{f}"' for f in facets) + ")"
        return expression

    def matches(self, node, filters: Filters, bounds, names_only: bool, joined: bool) -> Matches:
        where, params = f"{FTS} MATCH %s", [self._expression(node, filters, names_only)]
        if bounds:
            where += f" AND {FTS}.rowid >= %s AND {FTS}.rowid <= %s"
            params += list(bounds)
        from_sql = FTS + (f" JOIN {ENTRY_TABLE} AS e ON e.id = {FTS}.rowid" if joined else "")
        return Matches(from_sql, where, params, f"{FTS}.rowid")

    def score_sql(self, node, names_only: bool) -> tuple[str, list]:
        return f"bm25({FTS}, {', '.join(str(weight) for weight in WEIGHTS)})", []

    def title_hit_sql(self, node, bounds) -> tuple[str, list]:
        return (f"CASE WHEN {FTS}.rowid IN (SELECT hit.rowid FROM {FTS} AS hit WHERE hit.{FTS} MATCH %s "
                f"AND hit.rowid >= %s AND hit.rowid <= %s) THEN 0 ELSE 1 END",
                [self._expression(node, Filters(), names_only=True), *bounds])
