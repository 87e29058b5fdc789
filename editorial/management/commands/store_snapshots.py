"""`deepcuts manage store_snapshots`: build every article's snapshot (editorial.snapshots) and
every music video's and person's (catalog.snapshots).

Publishing and catalog edits keep snapshots current on their own; this is for a new database,
an import that bypassed signals (bench/scale.py), or after the snapshot's form changes.
"""
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Build and store every article's snapshot (credits boxes, works, people, sources, tags) "
            "and every music video's and person's (artists, credits, references, filmographies).")

    def handle(self, *args, **options):
        from catalog import snapshots as video_snapshots
        from catalog.models import Person, Work
        from editorial import snapshots
        from editorial.models import ArticlePage

        started = time.perf_counter()
        ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        count = snapshots.store(ids)
        self.stdout.write(f"Snapshots stored for {count} articles in "
                          f"{time.perf_counter() - started:.1f} s.")
        started = time.perf_counter()
        ids = list(Work.objects.filter(kind=Work.Kind.MUSIC_VIDEO).order_by("pk")
                   .values_list("pk", flat=True))
        count = video_snapshots.store(ids)
        self.stdout.write(f"Snapshots stored for {count} music videos in "
                          f"{time.perf_counter() - started:.1f} s.")
        started = time.perf_counter()
        count = video_snapshots.store_people(Person.objects.order_by("pk").values_list("pk", flat=True))
        self.stdout.write(f"Snapshots stored for {count} people in {time.perf_counter() - started:.1f} s.")
