"""How pages' stored snapshots are written and dropped, whatever they hold.

Articles, music videos and people each keep one row of what their page shows from other tables
(`editorial.snapshots`, `catalog.snapshots`). A change drops the rows it affects, after its
transaction commits, and a background task builds them again. Workers run side by side, so a
task can read the catalog just before an edit commits and write just after the edit's drop: a
plain upsert would then store the old facts, and if the edit's own task had already written,
they would stay until the next edit.

So a drop does not delete the row: it empties it and counts up its `generation`. A task reads
each row's generation before it reads anything else, and its write lands only where the
generation is still the one it read. A write that lost the race is skipped, and the task of the
drop that beat it, which reads the catalog after the change, stores the current facts.
"""
from collections.abc import Callable, Iterable

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

BATCH = 500


class Snapshot(models.Model):
    """One record's stored page facts: `data` is None after a drop until the next build."""

    data = models.JSONField(null=True)
    generation = models.PositiveBigIntegerField(default=0)
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"snapshot of {self.pk}"


def current(record, version: int) -> dict | None:
    """`record`'s stored snapshot if it has one of this `version` (read with the record)."""
    try:
        data = record.snapshot.data
    except ObjectDoesNotExist:
        return None
    return data if data is not None and data.get("version") == version else None


def chunks(ids: Iterable[int], size: int = BATCH):
    ids = sorted(set(ids))
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _table(snapshot_model):
    meta = snapshot_model._meta
    return connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)


def _now():
    return connection.ops.adapt_datetimefield_value(timezone.now())


def drop(snapshot_model, ids: Iterable[int], owners: models.QuerySet) -> None:
    """Empty the snapshots of the records of `owners` with these ids and count up their
    generation, so a build that began before now cannot store what it read. Ids of records
    that no longer exist, or are not among `owners`, are skipped."""
    table, key = _table(snapshot_model)
    for chunk in chunks(ids):
        # Their one column: the key.
        found, params = owners.filter(pk__in=chunk).values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            # One statement, so a build's write lands wholly before the drop or is refused;
            # in key order, as the builds write them, so two never wait on each other in a circle.
            cursor.execute(
                f"INSERT INTO {table} ({key}, data, generation, built_at) "
                f"SELECT *, NULL, 1, %s FROM ({found}) AS owner WHERE true "
                f"ORDER BY 1 ON CONFLICT ({key}) DO UPDATE SET data = NULL, "
                f"generation = {table}.generation + 1",
                [_now(), *params])


def store(snapshot_model, ids: Iterable[int], records: Callable[[list[int]], Iterable],
          build: Callable, batch: int = BATCH) -> int:
    """Build (`build(record)`) and store the snapshots of `records(ids)`, a batch at a time,
    except where a drop came in meanwhile; returns how many were written."""
    data_field = snapshot_model._meta.get_field("data")
    written = 0
    for chunk in chunks(ids, batch):
        # Read first: a drop committed after this line makes the write below miss.
        generations = dict(snapshot_model.objects.filter(pk__in=chunk).values_list("pk", "generation"))
        now = _now()
        rows = sorted(((record.pk, data_field.get_db_prep_save(build(record), connection),
                        generations.get(record.pk, 0), now) for record in records(chunk)),
                      key=lambda row: row[0])
        if not rows:
            continue
        written += _write(snapshot_model, rows)
    return written


def _write(snapshot_model, rows: list[tuple]) -> int:
    table, key = _table(snapshot_model)
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({key}, data, generation, built_at) VALUES {values} "
                f"ON CONFLICT ({key}) DO UPDATE SET data = excluded.data, built_at = excluded.built_at "
                f"WHERE {table}.generation = excluded.generation",
                [value for row in rows for value in row])
            return cursor.rowcount
    except IntegrityError:
        # A record deleted since it was read (its snapshot row went with it): the others are
        # written without it, rather than the whole batch being lost.
        owner = snapshot_model._meta.pk.remote_field.model
        alive = set(owner.objects.filter(pk__in=[row[0] for row in rows]).values_list("pk", flat=True))
        if len(alive) == len(rows):
            raise
        rows = [row for row in rows if row[0] in alive]
        return _write(snapshot_model, rows) if rows else 0
