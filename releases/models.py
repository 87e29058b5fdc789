"""Release events: premieres of videos, singles, albums, films and series.

An event keeps the date as precisely as it is known (year, month, day, then time with its time
zone), because announcements start vague ("this autumn") and sharpen as the day nears.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseEvent(models.Model):
    class Kind(models.TextChoices):
        VIDEO_PREMIERE = "video_premiere", _("Video premiere")
        SINGLE = "single", _("Single release")
        ALBUM = "album", _("Album release")
        FILM_PREMIERE = "film_premiere", _("Film premiere")
        SERIES_PREMIERE = "series_premiere", _("Series premiere")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        CONFIRMED = "confirmed", _("Confirmed")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    class Origin(models.TextChoices):
        CATALOG = "catalog", _("Catalog release date")
        FACT = "fact", _("Accepted fact")
        EDITOR = "editor", _("Editor")
        SUBMISSION = "submission", _("Reader submission")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    work = models.ForeignKey("catalog.Work", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="release_events", verbose_name=_("work"))
    artists = models.ManyToManyField("catalog.Person", blank=True, related_name="release_events",
                                     verbose_name=_("artists"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("day"), null=True, blank=True)
    time = models.TimeField(_("time"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True,
                                help_text=_("IANA name of the zone the time is given in, e.g. Asia/Seoul."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.ANNOUNCED)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices,
                              default=Origin.EDITOR)
    source_url = models.URLField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "month", "day", "time", "pk"]
        verbose_name = _("release event")
        verbose_name_plural = _("release events")

    def __str__(self):
        return self.title
