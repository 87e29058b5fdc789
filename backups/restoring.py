"""`deepcuts restore FILE`: an export loaded into an empty database, checked against its footer.

The steps: read the header; migrate the target; refuse if its schema (the applied migrations)
differs from the export's, or if it already holds content (unless told to replace it); then, in
one transaction, empty every table, insert every row with its primary key, check foreign keys,
move the id sequences past the restored ids, and compare the target's fingerprint with the
export's. Any difference, a cut-off file or a bad line rolls the whole transaction back. Last,
Wagtail's search index (which is different per database) is rebuilt from the restored pages.

Rows are saved "raw", as Django's loaddata does, with the model signals muted for the duration:
the receivers in this project (change history, search and related-reading updates, tasks) would
otherwise record the restore as a flood of edits and queue work for data that arrives complete.
"""
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers import base, python
from django.db import DatabaseError, connections, transaction
from django.db.models import signals

from .content import BY_NATURAL_KEY, Fingerprint, backed_up_models, fingerprint, flushed_models
from .exporting import FORMAT, VERSION, applied_migrations, open_for_reading

# What makes a database "not empty": rows a fresh `migrate` never creates.
CONTENT = {"auth.user": "user accounts", "catalog.person": "people and groups", "catalog.work": "works",
           "editorial.articlepage": "articles"}
MUTED_SIGNALS = (signals.pre_save, signals.post_save, signals.pre_delete, signals.post_delete,
                 signals.m2m_changed)


class RestoreError(Exception):
    """A sentence for the person restoring: what is wrong and what to do."""


@contextmanager
def signals_muted():
    saved = [(signal, signal.receivers) for signal in MUTED_SIGNALS]
    try:
        for signal in MUTED_SIGNALS:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def read_header(stream, path: Path) -> dict:
    try:
        header = json.loads(stream.readline() or "null")
    except (ValueError, UnicodeDecodeError, OSError, EOFError) as exc:
        raise RestoreError(f"{path} is not a Deep Cuts export (it does not start with an export header).") \
            from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise RestoreError(f"{path} is not a Deep Cuts export (it does not start with an export header).")
    if header.get("version") != VERSION:
        raise RestoreError(f"{path} is an export in format version {header.get('version')}; this version "
                           f"of Deep Cuts reads version {VERSION}.")
    return header


def check_schema(header: dict, using: str) -> None:
    installed = {config.label for config in apps.get_app_configs()}
    theirs = {tuple(m) for m in header["migrations"] if m[0] in installed}
    ours = {tuple(m) for m in applied_migrations(using) if m[0] in installed}
    if theirs == ours:
        return
    only_theirs = ", ".join(f"{app}.{name}" for app, name in sorted(theirs - ours)[:5]) or "none"
    only_ours = ", ".join(f"{app}.{name}" for app, name in sorted(ours - theirs)[:5]) or "none"
    raise RestoreError(
        f"This export was made with a different database schema (migrations only in the export: "
        f"{only_theirs}; only in this version: {only_ours}). Restore it with the Deep Cuts version that "
        f"made it, then upgrade with 'deepcuts migrate'.")


def check_empty(using: str) -> None:
    from wagtail.models import Page

    found = []
    for model_label, words in CONTENT.items():
        count = apps.get_model(model_label)._base_manager.using(using).count()
        if count:
            found.append(f"{count} {words}")
    pages = Page.objects.using(using).filter(depth__gt=2).count()  # beyond Wagtail's starter page
    if pages:
        found.append(f"{pages} pages")
    if found:
        raise RestoreError(f"The database already holds content ({', '.join(found)}). Restore into an empty "
                           f"database, or add --replace to delete everything in it first.")


def empty_tables(using: str) -> None:
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = [m._meta.db_table for m in flushed_models() if m._meta.db_table in existing]
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=False):
            cursor.execute(sql)


def records(stream, path: Path, footer: dict) -> Iterator[dict]:
    """The row records, up to the footer (stored into `footer`); a file without one was cut off."""
    for number, text in enumerate(stream, start=2):
        try:
            record = json.loads(text)
        except ValueError as exc:
            raise RestoreError(f"Line {number} of {path} is not valid JSON: the file is damaged. "
                               f"Nothing was restored.") from exc
        if "footer" in record:
            footer.update(record["footer"])
            return
        yield record
    raise RestoreError(f"{path} ends early (it was cut off while being written or copied). "
                       f"Nothing was restored.")


def load(stream, path: Path, using: str) -> dict:
    footer: dict = {}
    natural = {apps.get_model(name) for name in BY_NATURAL_KEY}
    try:
        for item in python.Deserializer(records(stream, path, footer), using=using):
            if type(item.object) in natural:
                item.save(using=using)  # matched by natural key with the row `migrate` made
            else:
                type(item.object).save_base(item.object, using=using, raw=True, force_insert=True)
    except base.DeserializationError as exc:
        raise RestoreError(f"{path} holds a row this version cannot read ({exc}). Nothing was restored.") \
            from exc
    return footer


def reset_sequences(using: str) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), backed_up_models()):
            cursor.execute(sql)


def restore(path: Path, using: str = "default", replace: bool = False) -> Fingerprint:
    """Load the export at `path` into the database `using`; returns the restored fingerprint."""
    with open_for_reading(path) as stream:
        header = read_header(stream, path)
        call_command("migrate", database=using, interactive=False, verbosity=0)
        check_schema(header, using)
        if not replace:
            check_empty(using)
        connection = connections[using]
        with transaction.atomic(using=using), signals_muted():
            empty_tables(using)
            footer = load(stream, path, using)
            try:
                connection.check_constraints()
            except DatabaseError as exc:
                raise RestoreError(f"{path} has rows that point at rows it lacks ({exc}). "
                                   f"Nothing was restored.") from exc
            reset_sequences(using)
            restored = fingerprint(using)
            differences = restored.differences(footer)
            if differences:
                raise RestoreError("The restored content does not match the export ("
                                   + "; ".join(differences[:5]) + "). Nothing was restored.")
    return restored


def rebuild_search_index() -> None:
    """Wagtail's own search index is not in an export (it is built differently per database)."""
    call_command("update_index", verbosity=0)
