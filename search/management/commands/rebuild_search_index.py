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
        started = time.perf_counter()
        report = (lambda line: self.stderr.write(line)) if options["verbosity"] > 1 else None
        counts = rebuild(report=report)
        seconds = time.perf_counter() - started
        if options["verbosity"]:
            parts = ", ".join(f"{count} {_NAMES[source]}" for source, count in counts.items())
            self.stdout.write(f"Search index rebuilt in {seconds:.1f} s: {parts}.")
