"""Writing the search index: a few records after a change, or everything at once.

Entries are replaced, never patched: an update builds the entries of the given records from
the database as it is now, deletes their old rows and inserts the new ones. That makes every
update idempotent and order-free, so a late or repeated task can never leave a stale row.
"""
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Max

from . import documents
from .backends import backend_for
from .models import SearchEntry, SearchName, SearchText, id_range

BATCH = 1000


def _chunks(ids: list[int], size: int = BATCH):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _expand(refs: Iterable[str]) -> dict[str, set[int]]:
    """Record ids per source. "person:N" brings the works that show the person's name;
    "subtree:N" stands for every article at or under page N."""
    ids: dict[str, set[int]] = defaultdict(set)
    for ref in refs:
        source, _, number = ref.partition(":")
        if not number.isdigit():
            continue
        if source == "subtree":
            ids["page"].update(documents.articles_under(int(number)))
        elif source in documents.BUILDERS:
            ids[source].add(int(number))
    if ids.get("person"):
        ids["work"].update(documents.works_of(sorted(ids["person"])))
    return ids


class _Ids:
    """Hands out entry ids in each kind's block (models.id_range), after the highest in use."""

    def __init__(self, fresh: bool = False):
        self.fresh = fresh
        self.next: dict[str, int] = {}

    def take(self, kind: str) -> int:
        if kind not in self.next:
            start, end = id_range(kind)
            top = None if self.fresh else SearchEntry.objects.filter(
                id__gte=start, id__lte=end).aggregate(top=Max("id"))["top"]
            self.next[kind] = (top or start - 1) + 1
        pk = self.next[kind]
        self.next[kind] += 1
        return pk


def _write(documents_: list, ids: _Ids) -> None:
    entries, texts = [], []
    for entry, text in documents_:
        entry.id = text.entry_id = ids.take(entry.kind)
        entries.append(entry)
        texts.append(text)
    SearchEntry.objects.bulk_create(entries)
    SearchText.objects.bulk_create(texts)
    SearchName.objects.bulk_create(SearchName(entry_id=entry.id, name=name)
                                   for entry in entries for name in entry.folded_names())


def _delete(refs: list[str]) -> None:
    ids = list(SearchEntry.objects.filter(ref__in=refs).values_list("id", flat=True))
    SearchText.objects.filter(entry_id__in=ids).delete()
    SearchName.objects.filter(entry_id__in=ids).delete()
    SearchEntry.objects.filter(id__in=ids).delete()


def update(refs: Iterable[str]) -> int:
    """Rewrite the entries of these records ("person:3", "work:7", "page:40", "subtree:2");
    a record that is gone or no longer public loses its entry. Returns entries written.

    A rewritten entry gets a new id, the newest of its kind, as a freshly published article
    would."""
    backend = backend_for(connection)
    written = 0
    for source, record_ids in _expand(refs).items():
        build = documents.BUILDERS[source]
        for chunk in _chunks(sorted(record_ids)):
            built = list(build(chunk))
            with transaction.atomic():
                backend.lock_for_writing()
                _delete([f"{source}:{pk}" for pk in chunk])
                _write(built, _Ids())
            written += len(built)
    return written


def rebuild(report: Callable[[str], None] | None = None) -> dict[str, int]:
    """Replace the whole index in one transaction: readers see the old index until it commits.

    Rows go in by bulk insert with the full-text index switched off, and the index is then
    built in one pass (see Backend.begin_bulk / end_bulk).
    """
    backend = backend_for(connection)
    counts: dict[str, int] = {}
    started = time.perf_counter()
    ids = _Ids(fresh=True)
    with transaction.atomic():
        backend.lock_for_writing()
        backend.begin_bulk()
        with connection.cursor() as cursor:  # no cascade collecting 350,000 rows first
            cursor.execute(f"DELETE FROM {SearchText._meta.db_table}")
            cursor.execute(f"DELETE FROM {SearchName._meta.db_table}")
            cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")
        for source, record_ids in documents.all_ids():
            build, counts[source] = documents.BUILDERS[source], 0
            for chunk in _chunks(record_ids):
                built = list(build(chunk))
                _write(built, ids)
                counts[source] += len(built)
                if report:
                    elapsed = time.perf_counter() - started
                    report(f"{source}: {counts[source]} of {len(record_ids)} ({elapsed:.0f} s)")
        if report:
            report("building the full-text index")
        backend.end_bulk()
    return counts
