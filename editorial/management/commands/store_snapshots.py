"""`deepcuts manage store_snapshots`: build every article's snapshot (editorial.snapshots).

Publishing and catalog edits keep snapshots current on their own; this is for a new database,
an import that bypassed signals (bench/scale.py), or after the snapshot's form changes.
"""
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Build and store every article's snapshot: credits boxes, works, people, sources, tags."

    def handle(self, *args, **options):
        from editorial import snapshots
        from editorial.models import ArticlePage

        started = time.perf_counter()
        ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        count = snapshots.store(ids)
        self.stdout.write(f"Snapshots stored for {count} articles in "
                          f"{time.perf_counter() - started:.1f} s.")
