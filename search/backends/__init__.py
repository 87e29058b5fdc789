"""One search interface, one backend per database vendor (see `base.Backend`).

Both backends index the same tokens from `search.analysis` and rank the same way (exact name,
then prefix, then word matches by bm25 or ts_rank), so SQLite and PostgreSQL answer alike.
"""
from django.db import connection as default_connection

from .base import Backend, Filters, Row


def backend_for(connection=None) -> Backend:
    """The backend for `connection` (the default database unless given)."""
    connection = connection or default_connection
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from .sqlite import SqliteBackend

        return SqliteBackend(connection)
    raise NotImplementedError(
        f"Site search supports SQLite and PostgreSQL, not {connection.vendor}; for other databases "
        "use Wagtail's search backends.")


__all__ = ["Backend", "Filters", "Row", "backend_for"]
