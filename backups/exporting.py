"""`deepcuts export FILE`: the whole database as one JSON Lines file (gzip when FILE ends in .gz).

The first line is a header: the format, when and from which kind of database, and the migrations
that database had applied (the schema its rows fit). Then one line per row (backups.content).
The last line is a footer with the fingerprint; a file without it was cut short, and a restore
refuses it.

The export reads one consistent snapshot while the site keeps running: a REPEATABLE READ, READ
ONLY transaction on PostgreSQL; on SQLite a deferred transaction, which in WAL mode reads a
snapshot without holding up writers. The file is written under a temporary name and renamed
when it is complete, so a failed export never leaves a file that looks whole.
"""
import gzip
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .content import Fingerprint, backed_up_models, line_of, rows

FORMAT = "deepcuts-export"
VERSION = 1


GZIP_MAGIC = b"\x1f\x8b"


def open_for_writing(path: Path, compressed: bool) -> TextIO:
    if compressed:
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
    return path.open("w", encoding="utf-8")


def open_for_reading(path: Path) -> TextIO:
    """Compressed or not, whatever the file is called."""
    with path.open("rb") as probe:
        compressed = probe.read(2) == GZIP_MAGIC
    return gzip.open(path, "rt", encoding="utf-8") if compressed else path.open("r", encoding="utf-8")


@contextmanager
def snapshot(using: str):
    """One consistent view of every table for the duration of the export."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        # Django starts SQLite transactions in the mode the settings ask for (IMMEDIATE here, which
        # would hold the write lock for the whole export); a read needs only DEFERRED. The same
        # switch as django_tasks_db.utils.exclusive_transaction, the other way round.
        if not hasattr(connection, "transaction_mode"):
            connection.get_connection_params()
        previous = connection.transaction_mode
        connection.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            connection.transaction_mode = previous
        return
    outermost = not connection.in_atomic_block  # inside a caller's transaction, its view is ours
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def applied_migrations(using: str) -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connections[using]).applied_migrations())


def unapplied_migrations(using: str) -> list[str]:
    """Migrations this code has that the database lacks: its tables would not fit the models."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan if not backwards]


def export(path: Path, using: str = "default") -> Fingerprint:
    """Write the backup to `path`; returns the fingerprint of what it wrote."""
    partial = path.with_name(f".{path.name}.partial")
    result = Fingerprint()
    try:
        with snapshot(using), open_for_writing(partial, compressed=path.name.endswith(".gz")) as out:
            connection = connections[using]
            out.write(line_of({"format": FORMAT, "version": VERSION, "created_at": timezone.now(),
                               "database": connection.vendor,
                               "migrations": applied_migrations(using)}) + "\n")
            tables = set(connection.introspection.table_names())
            natural_keys: dict = {}
            for model in backed_up_models():
                if model._meta.db_table not in tables:
                    continue
                for record in rows(model, using, natural_keys):
                    text = line_of(record)
                    out.write(text + "\n")
                    result.add(record["model"], text)
            out.write(line_of({"footer": result.as_json()}) + "\n")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return result
