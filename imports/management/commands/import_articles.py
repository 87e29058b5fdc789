"""`deepcuts import PATH...`: articles become draft pages with proposed facts for review."""
import sys
import uuid
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.models import SectionPage
from extraction import ExtractionInputError

from ...importing import queue_import
from ...models import ImportedArticle
from ...tasks import process_import

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


def progress(done: int, total: int, label: str, stream) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}")
    stream.flush()


class Command(BaseCommand):
    help = "Import articles (text, Markdown or HTML files, or folders of them) for review."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files or folders")
        parser.add_argument("--date", help="the articles' date, YYYY-MM-DD, for day-and-month dates")
        parser.add_argument("--section", default="news", help="section slug for the drafts (default: news)")
        parser.add_argument("--retry", action="store_true",
                            help="queue again every import that failed or never finished")

    def handle(self, *args, **options):
        if options["retry"]:
            return self.retry()
        if not options["paths"]:
            raise CommandError("Give at least one file or folder to import, or --retry.", returncode=2)
        try:
            article_date = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError(f"--date must look like 2024-05-24, not {options['date']!r}.",
                               returncode=2) from exc
        section = SectionPage.objects.filter(slug=options["section"]).first()
        if section is None:
            slugs = ", ".join(SectionPage.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no section '{options['section']}'. Sections: {slugs}.",
                               returncode=2)
        files = self.collect(options["paths"])
        batch = str(uuid.uuid4())
        counts = {"new": 0, "unchanged": 0, "refused": 0}
        tty = sys.stderr.isatty()
        for n, path in enumerate(files, 1):
            try:
                with transaction.atomic():
                    imported, created = queue_import(str(path), path.read_bytes(), article_date, section,
                                                     batch=batch)
                counts["new" if created else "unchanged"] += 1
            except (ExtractionInputError, OSError) as exc:
                counts["refused"] += 1
                self.stderr.write(f"\n{exc}" if tty else str(exc))
            if tty:
                progress(n, len(files), path.name, sys.stderr)
        if tty:
            sys.stderr.write("\n")
        done = ImportedArticle.objects.filter(batch=batch, status=ImportedArticle.Status.DONE).count()
        failed = ImportedArticle.objects.filter(batch=batch, status=ImportedArticle.Status.FAILED)
        self.stdout.write(f"{counts['new']} imported ({done} ready for review), "
                          f"{counts['unchanged']} already imported, {counts['refused']} refused.")
        for item in failed:
            self.stdout.write(f"  failed: {item.source_name}: {item.error}")
        waiting = counts["new"] - done - failed.count()
        if waiting:
            self.stdout.write(f"{waiting} queued: run 'deepcuts worker' to process them.")

    def collect(self, paths: list[str]) -> list[Path]:
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {raw}", returncode=2)
        if not files:
            raise CommandError("No .txt, .md or .html files found there.", returncode=2)
        return files

    def retry(self):
        stuck = list(ImportedArticle.objects.exclude(status=ImportedArticle.Status.DONE))
        for imported in stuck:
            imported.status, imported.error = ImportedArticle.Status.QUEUED, ""
            imported.save(update_fields=["status", "error"])
            process_import.enqueue(imported.pk)
        self.stdout.write(f"{len(stuck)} imports queued again.")
