"""The measured look of a music video: pace, palette, contact sheet, palette strip.

The numbers come from the `vision` library in a background task; pages only read what the task
stored, including each video's most similar looks.
"""
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

VIDEO_EXTENSIONS = {".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi"}


def validate_video_file(upload) -> None:
    limit = settings.DEEPCUTS_VIDEO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(_("The file is %(size)d MB; the limit is %(limit)d MB.")
                              % {"size": upload.size // 2**20, "limit": limit // 2**20})
    if Path(upload.name).suffix.lower() not in VIDEO_EXTENSIONS:
        raise ValidationError(_("Upload a video file: %(kinds)s.")
                              % {"kinds": ", ".join(sorted(VIDEO_EXTENSIONS))})


class VideoLook(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Analysed")
        FAILED = "failed", _("Failed")

    work = models.OneToOneField("catalog.Work", on_delete=models.CASCADE, related_name="look",
                                limit_choices_to={"kind": "music_video"}, verbose_name=_("music video"))
    source = models.FileField(_("video file"), upload_to="looks/originals/", blank=True,
                              validators=[validate_video_file],
                              help_text=_("MP4, MOV, MKV, WebM or AVI. Analysed in the background."))
    keep_original = models.BooleanField(_("keep the file after analysis"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    report = models.JSONField(null=True, blank=True)
    contact_sheet = models.FileField(upload_to="looks/sheets/", blank=True)
    palette_strip = models.FileField(upload_to="looks/strips/", blank=True)
    shots_per_minute = models.FloatField(null=True, blank=True)
    average_shot_length = models.FloatField(null=True, blank=True)
    similar = models.JSONField(default=list, blank=True, help_text="[[work id, distance], …], closest first")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("work"), FieldPanel("source"), FieldPanel("keep_original")]

    class Meta:
        verbose_name = _("video look")
        verbose_name_plural = _("video looks")

    def __str__(self):
        return f"{self.work.title}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        # A new file means a new analysis, and so does saving a failed one again (an editor's
        # retry). Partial saves (update_fields) are the task recording its result: never requeue.
        if kwargs.get("update_fields") is None:
            previous = VideoLook.objects.filter(pk=self.pk).values_list("source", flat=True).first() \
                if self.pk else None
            if self.source and (self.source.name != previous or self.status == self.Status.FAILED):
                self.status, self.error = self.Status.QUEUED, ""
        super().save(*args, **kwargs)

    @property
    def palette(self) -> list[dict]:
        return (self.report or {}).get("palette", [])
