"""`deepcuts analyze --video SLUG FILE`: analyse a file for a catalog video, in the background."""
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.models import Work
from looks.models import VIDEO_EXTENSIONS, VideoLook


class Command(BaseCommand):
    help = "Analyse a video file's look for a music video in the catalog."

    def add_arguments(self, parser):
        parser.add_argument("--video", required=True, help="the music video's slug, e.g. joji-run")
        parser.add_argument("file", help="the video file")
        parser.add_argument("--keep", action="store_true", help="keep the file after the analysis")

    def handle(self, *args, **options):
        work = Work.objects.filter(slug=options["video"], kind=Work.Kind.MUSIC_VIDEO).first()
        if work is None:
            raise CommandError(f"There is no music video '{options['video']}' in the catalog.", returncode=2)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=2)
        if path.suffix.lower() not in VIDEO_EXTENSIONS:
            raise CommandError(f"{path.name} is not a video file ({', '.join(sorted(VIDEO_EXTENSIONS))}).",
                               returncode=2)
        look, _ = VideoLook.objects.get_or_create(work=work)
        look.keep_original = options["keep"]
        with transaction.atomic(), path.open("rb") as handle:
            look.source.save(path.name, File(handle), save=False)
            look.save()
        look.refresh_from_db()
        if look.status == VideoLook.Status.DONE:
            pace = look.report["pace"]
            colours = ", ".join(c["name"] for c in look.palette[:5])
            self.stdout.write(f"{work.title}: {pace['shots']} shots, {pace['shots_per_minute']} a minute; "
                              f"{colours}")
        elif look.status == VideoLook.Status.FAILED:
            raise CommandError(look.error, returncode=2)
        else:
            self.stdout.write(f"{work.title}: queued; run 'deepcuts worker' to analyse it.")
