"""Run the vision library on a stored video and keep what the pages show."""
import io

from django.core.files.base import ContentFile
from django.db import transaction

from vision import VisionInputError, analyze
from vision.compare import look_distance
from vision.pictures import contact_sheet, palette_strip

from .models import VideoLook

SIMILAR_COUNT = 6


def png(image) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue())


def run(look_id: int) -> VideoLook | None:
    look = VideoLook.objects.select_related("work").filter(pk=look_id).first()
    if look is None or not look.source:
        return look
    try:
        result = analyze(look.source.path)
    except VisionInputError as exc:
        look.status, look.error = VideoLook.Status.FAILED, str(exc)
        look.save(update_fields=["status", "error", "updated_at"])
        return look
    slug = look.work.slug
    with transaction.atomic():
        for field in (look.contact_sheet, look.palette_strip):
            if field:
                field.delete(save=False)
        look.contact_sheet.save(f"{slug}-sheet.png", png(contact_sheet(result)), save=False)
        look.palette_strip.save(f"{slug}-strip.png", png(palette_strip(result)), save=False)
        look.report = result.report
        look.shots_per_minute = result.report["pace"]["shots_per_minute"]
        look.average_shot_length = result.report["pace"]["average_shot_length_s"]
        look.status, look.error = VideoLook.Status.DONE, ""
        if not look.keep_original:
            look.source.delete(save=False)
        look.save()
        refresh_similar()
    return look


def refresh_similar() -> None:
    """Each analysed video's closest looks, stored so pages never compare palettes."""
    looks = list(VideoLook.objects.filter(status=VideoLook.Status.DONE).only("pk", "work_id", "report"))
    for look in looks:
        distances = sorted((look_distance(look.report, other.report), other.work_id)
                           for other in looks if other.pk != look.pk)
        similar = [[work_id, round(d, 2)] for d, work_id in distances[:SIMILAR_COUNT]]
        if similar != look.similar:
            VideoLook.objects.filter(pk=look.pk).update(similar=similar)
