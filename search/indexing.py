"""Writing the search index: a few records after a change, or everything at once.

Entries are replaced, never patched: an update builds the entries of the given records from
the database as it is now, deletes their old rows and inserts the new ones. That makes every
update idempotent and order-free, so a late or repeated task can never leave a stale row.
"""
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction

from . import documents
from .backends import backend_for
from .models import SearchEntry

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


def update(refs: Iterable[str]) -> int:
    """Rewrite the entries of these records ("person:3", "work:7", "page:40", "subtree:2");
    a record that is gone or no longer public loses its entry. Returns entries written."""
    written = 0
    for source, ids in _expand(refs).items():
        build = documents.BUILDERS[source]
        for chunk in _chunks(sorted(ids)):
            entries = list(build(chunk))
            with transaction.atomic():
                SearchEntry.objects.filter(ref__in=[f"{source}:{pk}" for pk in chunk]).delete()
                SearchEntry.objects.bulk_create(entries)
            written += len(entries)
    return written


def rebuild(report: Callable[[str], None] | None = None) -> dict[str, int]:
    """Replace the whole index in one transaction: readers see the old index until it commits.

    Rows go in by bulk insert with the full-text index switched off, and the index is then
    built in one pass (see Backend.begin_bulk / end_bulk).
    """
    backend = backend_for(connection)
    counts: dict[str, int] = {}
    started = time.perf_counter()
    with transaction.atomic():
        backend.begin_bulk()
        SearchEntry.objects.all().delete()
        for source, ids in documents.all_ids():
            build, counts[source] = documents.BUILDERS[source], 0
            for chunk in _chunks(ids):
                entries = list(build(chunk))
                SearchEntry.objects.bulk_create(entries)
                counts[source] += len(entries)
                if report:
                    elapsed = time.perf_counter() - started
                    report(f"{source}: {counts[source]} of {len(ids)} ({elapsed:.0f} s)")
        if report:
            report("building the full-text index")
        backend.end_bulk()
    return counts
