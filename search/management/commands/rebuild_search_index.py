"""manage.py rebuild_search_index: every entry rebuilt from the catalog and the live articles.

Signals keep the index up to date as editors work; this is for after a bulk import that bypassed
them (bench/scale.py, a restored backup) or a change to how entries are made.
"""
import time

from django.core.management.base import BaseCommand

from search.indexing import rebuild

_NAMES = {"person": "people and groups", "work": "works", "page": "articles"}


class Command(BaseCommand):
    help = "Rebuild the site search index from the catalog and the live articles."

    def handle(self, *args, **options):
        started, cpu_started = time.perf_counter(), time.process_time()
        report = (lambda line: self.stderr.write(line)) if options["verbosity"] > 1 else None
        counts = rebuild(report=report)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        if options["verbosity"]:
            parts = ", ".join(f"{count} {_NAMES[source]}" for source, count in counts.items())
            # On a busy machine the wall time says little; processor time says what it cost here
            # (SQLite works inside this process, PostgreSQL's share shows only in the wall time).
            self.stdout.write(f"Search index rebuilt in {seconds:.1f} s ({cpu:.1f} s CPU here): {parts}.")
