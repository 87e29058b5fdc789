"""SQLite: an FTS5 table over the entry table's token columns, kept in step by triggers.

The tokens are made by `search.analysis`, so FTS5 only has to split on spaces: the `ascii`
tokenizer leaves every non-ASCII letter alone (no second folding that could disagree with ours)
and `tokenchars` keeps the `:` and `~` of name keys inside their tokens. The FTS table stores no
text of its own (`content=` the entry table), and bm25 weighs title words above name keys above
body words.
"""
from .base import TABLE, Backend, render_tree

FTS = "sitesearch_fts"
COLUMNS = ("title_tokens", "key_tokens", "body_tokens")
_NAME_COLUMNS = "{title_tokens key_tokens}"
_TRIGGERS = ("sitesearch_fts_insert", "sitesearch_fts_delete", "sitesearch_fts_update")


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{column}" for column in COLUMNS)


def _quoted(term) -> str:
    # Tokens are letters, digits, ':' and '~' (search.analysis), never a double quote.
    return f'"{term.token}"' + ("*" if term.prefix else "")


class SqliteBackend(Backend):
    vendor = "sqlite"

    def install(self) -> None:
        columns = ", ".join(COLUMNS)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({columns}, content='{TABLE}', "
                "content_rowid='id', tokenize=\"ascii tokenchars '~:'\", prefix='2 3')")
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
            delete = (f"INSERT INTO {FTS}({FTS}, rowid, {columns}) "
                      f"VALUES ('delete', old.id, {_values('old')});")
            insert = f"INSERT INTO {FTS}(rowid, {columns}) VALUES (new.id, {_values('new')});"
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

    def from_sql(self, names_only: bool) -> str:
        return f"{FTS} JOIN {TABLE} AS e ON e.id = {FTS}.rowid"

    def match_sql(self, rendered: str, names_only: bool) -> tuple[str, list]:
        if names_only:
            rendered = f"{_NAME_COLUMNS} : {rendered}"
        return f"{FTS} MATCH %s", [rendered]

    def score_sql(self, rendered: str, names_only: bool) -> tuple[str, list]:
        weights = ", ".join(str(weight) for weight in self.WEIGHTS)
        return f"bm25({FTS}, {weights})", []
