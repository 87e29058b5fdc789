"""SQLite: an FTS5 table over the entry table's token columns, kept in step by triggers.

The tokens are made by `search.analysis`, so FTS5 only has to split on spaces: the `ascii`
tokenizer leaves every non-ASCII letter alone (no second folding that could disagree with ours)
and `tokenchars` keeps the markers of keys (`:~=_`) and of facets (`-` in section slugs) inside
their tokens. The FTS table stores no text of its own (`content=` the entry table), and bm25
weighs title words above name keys above body words.

Filters are FTS terms too ("k:article", "l:ru", "s:news", "y:2020" in the `facets` column): a
count or a window of matches then never leaves the full-text index, where joining 100,000
matched rows to the entry table would cost a third of a second.
"""
from .base import TABLE, Backend, Filters, Matches, render_tree

FTS = "sitesearch_fts"
COLUMNS = ("title_tokens", "key_tokens", "body_tokens", "facets")
WEIGHTS = (*Backend.WEIGHTS, 0.0)
_NAME_COLUMNS = "{title_tokens key_tokens}"
_TRIGGERS = ("sitesearch_fts_insert", "sitesearch_fts_delete", "sitesearch_fts_update")


def _values(prefix: str, columns) -> str:
    return ", ".join(f"{prefix}.{column}" for column in columns)


def _quoted(term) -> str:
    # Tokens never contain a double quote (search.analysis, search.documents.facets).
    return f'"{term.token}"' + ("*" if term.prefix else "")


def facet_terms(filters: Filters) -> list[str]:
    terms = [f"k:{filters.kind}"] if filters.kind else []
    terms += [f"l:{filters.language}"] if filters.language else []
    terms += [f"s:{filters.section}"] if filters.section else []
    terms += [f"y:{filters.year}"] if filters.year else []
    return terms


class SqliteBackend(Backend):
    vendor = "sqlite"

    def install(self, columns: tuple[str, ...] = COLUMNS) -> None:
        """Create the FTS table over `columns` of the entry table, fill it, add the triggers.

        Migrations pass the columns the entry table had at that point in history."""
        values = {prefix: _values(prefix, columns) for prefix in ("old", "new")}
        columns = ", ".join(columns)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({columns}, content='{TABLE}', "
                "content_rowid='id', tokenize=\"ascii tokenchars '~:=_-'\", prefix='2 3')")
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
            delete = (f"INSERT INTO {FTS}({FTS}, rowid, {columns}) "
                      f"VALUES ('delete', old.id, {values['old']});")
            insert = f"INSERT INTO {FTS}(rowid, {columns}) VALUES (new.id, {values['new']});"
            for name, event, body in zip(_TRIGGERS, ("INSERT", "DELETE", "UPDATE"),
                                         (insert, delete, delete + " " + insert), strict=True):
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {TABLE} "
                               f"BEGIN {body} END")

    def uninstall(self) -> None:
        with self.connection.cursor() as cursor:
            for name in _TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")

    # A full rebuild fills the entry table without triggers, then indexes it in one pass.
    def begin_bulk(self) -> None:
        self.uninstall()

    def end_bulk(self) -> None:
        self.install()
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")

    def render(self, node) -> str:
        return render_tree(node, _quoted, "OR", "AND")

    def matches(self, node, filters: Filters, names_only: bool, joined: bool) -> Matches:
        expression = self.render(node)
        if names_only:
            expression = f"{_NAME_COLUMNS} : ({expression})"
        facets = facet_terms(filters)
        if facets:
            expression = f"({expression}) AND facets : (" + " AND ".join(f'"{t}"' for t in facets) + ")"
        from_sql = FTS + (f" JOIN {TABLE} AS e ON e.id = {FTS}.rowid" if joined else "")
        return Matches(from_sql, f"{FTS} MATCH %s", [expression], f"{FTS}.rowid")

    def score_sql(self, node, names_only: bool) -> tuple[str, list]:
        return f"bm25({FTS}, {', '.join(str(weight) for weight in WEIGHTS)})", []
