"""`deepcuts export FILE`: the whole database in one file (see backups.exporting)."""
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...exporting import export, unapplied_migrations


class Command(BaseCommand):
    help = ("Write the whole database (catalog, pages with their revisions, image and document records, "
            "users, change history) to one JSON Lines file; name it .gz to compress it.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the export, e.g. deepcuts-2025-06-01.jsonl.gz")

    def handle(self, *args, file, **options):
        path = Path(file)
        if path.exists():
            raise CommandError(f"{path} already exists: choose another name or remove it first.",
                               returncode=2)
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {path.parent} to write {path.name} into.", returncode=2)
        missing = unapplied_migrations("default")
        if missing:
            raise CommandError(f"The database lacks {len(missing)} migration(s) of this version ({missing[0]}"
                               f"{', ...' if len(missing) > 1 else ''}): run 'deepcuts migrate' first.",
                               returncode=2)
        started = time.monotonic()
        try:
            result = export(path)
        except OSError as exc:
            raise CommandError(f"Could not write {path}: {exc.strerror or exc}.", returncode=2) from exc
        size = path.stat().st_size / 1024**2
        self.stdout.write(f"Exported {result.rows} rows from {len(result.counts)} tables to {path} "
                          f"({size:.1f} MB) in {time.monotonic() - started:.1f} s.")
        self.stdout.write(f"Content hash {result.content_hash}.")
        self.stdout.write(f"Uploaded files (images, documents, videos) are not in the export: copy "
                          f"{settings.MEDIA_ROOT} as well.")
