"""`deepcuts restore FILE`: an export loaded into an empty database (see backups.restoring)."""
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ...restoring import RestoreError, rebuild_search_index, restore


class Command(BaseCommand):
    help = ("Load an export made by 'deepcuts export' into an empty database (it is migrated first), "
            "then check that every table holds exactly what the export holds.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="an export made by 'deepcuts export'")
        parser.add_argument("--replace", action="store_true",
                            help="delete everything already in the database first")

    def handle(self, *args, file, replace, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.", returncode=2)
        started = time.monotonic()
        try:
            result = restore(path, replace=replace)
        except RestoreError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except OSError as exc:
            raise CommandError(f"Could not read {path}: {exc.strerror or exc}.", returncode=2) from exc
        self.stdout.write(f"Restored {result.rows} rows into {len(result.counts)} tables in "
                          f"{time.monotonic() - started:.1f} s; every table matches the export.")
        self.stdout.write(f"Content hash {result.content_hash}.")
        started = time.monotonic()
        try:
            rebuild_search_index()
            self.stdout.write(f"Rebuilt the admin's search index in {time.monotonic() - started:.1f} s.")
        except DatabaseError as exc:
            self.stderr.write(f"The content is restored, but the admin's search index could not be rebuilt "
                              f"({exc}); run 'deepcuts manage update_index'.")
