"""`deepcuts manage store_snapshots`: build every article's snapshot (editorial.snapshots) and
every music video's and person's (catalog.snapshots).

Publishing and catalog edits keep snapshots current on their own; this is for a new database,
an import that bypassed signals (bench/scale.py), or after the snapshot's form changes. With
`--stale`, only the snapshots that are missing, dropped or of another version are built: after
an upgrade that changed one kind's form, the others are left as they are (at 100,000 videos,
building theirs takes a quarter of an hour).
"""
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Build and store every article's snapshot (credits boxes, works, people, sources, tags, "
            "notices) and every music video's and person's (artists, credits, references, "
            "filmographies, signatures).")

    def add_arguments(self, parser):
        parser.add_argument("--stale", action="store_true",
                            help="only those missing, dropped or of another version")

    def handle(self, *args, stale=False, **options):
        from catalog import snapshots as catalog_snapshots
        from catalog.models import Person, Work
        from editorial import snapshots
        from editorial.models import ArticlePage

        kinds = [
            ("articles", ArticlePage.objects.all(), snapshots.VERSION, snapshots.store),
            ("music videos", Work.objects.filter(kind=Work.Kind.MUSIC_VIDEO),
             catalog_snapshots.VIDEO_VERSION, catalog_snapshots.store),
            ("people", Person.objects.all(), catalog_snapshots.PERSON_VERSION,
             catalog_snapshots.store_people),
        ]
        for name, records, version, store in kinds:
            started = time.perf_counter()
            if stale:
                records = records.exclude(snapshot__data__version=version)
            count = store(list(records.order_by("pk").values_list("pk", flat=True)))
            seconds = time.perf_counter() - started
            self.stdout.write(f"Snapshots stored for {count} {name} in {seconds:.1f} s.")
