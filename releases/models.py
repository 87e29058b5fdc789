"""Release events: premieres of videos, singles, albums, films and series.

An event keeps the date as precisely as it is known (year, month, day, then time with its time
zone), because announcements start vague ("this autumn") and sharpen as the day nears. The first
and last day the release can fall on are stored beside the parts, worked out on save, so listing
a month or "what is coming" is one indexed range query and never guesses a day.

Creating an event from code needs no helper: give the title (or a work), the kind, the date parts,
the origin, save, then set the artists, e.g.

    event = ReleaseEvent.objects.create(title="…", kind=ReleaseEvent.Kind.ALBUM, year=2026, month=5,
                                        origin=ReleaseEvent.Origin.SUBMISSION)
    event.artists.set([person])
"""
import calendar
import uuid
import zoneinfo
from datetime import date, datetime

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from catalog.choosers import ChooseMany
from catalog.dates import PartialDate, PartialDateError, validate_parts

from .forms import ReleaseEventForm


def new_uid() -> str:
    return uuid.uuid4().hex


def known_time_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


class ReleaseEventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def for_reading(self):
        return self.select_related("work").prefetch_related("artists")

    def overlapping(self, first: date | None = None, last: date | None = None):
        """Events that can fall between `first` and `last` (either end may be open)."""
        queryset = self
        if first is not None:
            queryset = queryset.filter(last_day__gte=first)
        if last is not None:
            queryset = queryset.filter(first_day__lte=last)
        return queryset

    def coming(self, today: date):
        """Everything that has not yet happened; a month or year counts until it is over."""
        return self.filter(last_day__gte=today)

    def soonest_first(self):
        """Dated releases first, then those known only to the month, then only to the year: a
        month-only release sorts after the month's dated ones, never on its first day."""
        return self.order_by("last_day", "-first_day", F("time").asc(nulls_first=True), "pk")

    def derived(self):
        """Events that follow a work's release date in the catalog (see releases.sync)."""
        return self.filter(origin__in=ReleaseEvent.DERIVED_ORIGINS)

    def hand_made(self):
        return self.exclude(origin__in=ReleaseEvent.DERIVED_ORIGINS)


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

    # Written by releases.sync from the work's release date, never by hand.
    DERIVED_ORIGINS = (Origin.CATALOG, Origin.FACT)
    # A release that will not happen on its date cannot clash with anything on that day.
    INACTIVE_STATUSES = (Status.POSTPONED, Status.CANCELLED)

    uid = models.CharField(max_length=64, unique=True, default=new_uid, editable=False)
    title = models.CharField(_("title"), max_length=300, blank=True,
                             help_text=_("Left empty, the work's title is used."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    work = models.ForeignKey("catalog.Work", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="release_events", verbose_name=_("work"))
    artists = models.ManyToManyField("catalog.Person", blank=True, related_name="release_events",
                                     verbose_name=_("artists"),
                                     help_text=_("Left empty, the work's artists are used."))
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
    is_published = models.BooleanField(
        _("shown on the calendar"), default=True,
        help_text=_("Untick to keep the event to editors, e.g. while a reader's tip is checked."))
    source_url = models.URLField(_("source"), blank=True)
    source_article = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("source article"))
    source_quote = models.TextField(_("quoted sentence"), blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("For editors; never shown to readers."))
    first_day = models.DateField(editable=False)
    last_day = models.DateField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReleaseEventQuerySet.as_manager()

    base_form_class = ReleaseEventForm
    panels = [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
            FieldPanel("work"),
            FieldPanel("artists", widget=ChooseMany(kind="person")),
        ], heading=_("What is released")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("year"), FieldPanel("month"), FieldPanel("day")]),
            FieldRowPanel([FieldPanel("time"), FieldPanel("timezone")]),
            FieldPanel("status"),
        ], heading=_("When (fill in what is known)")),
        MultiFieldPanel([
            FieldPanel("source_url"),
            FieldPanel("note"),
            FieldPanel("is_published"),
        ], heading=_("Source")),
    ]

    class Meta:
        ordering = ["first_day", "last_day", F("time").asc(nulls_first=True), "pk"]
        verbose_name = _("release event")
        verbose_name_plural = _("release events")
        indexes = [
            models.Index(fields=["first_day", "last_day"], name="release_event_days"),
            models.Index(fields=["last_day"], name="release_event_last_day"),
        ]
        constraints = [
            # One event follows a work's catalog date; hand-made events are not limited.
            models.UniqueConstraint(fields=["work"], condition=Q(origin__in=["catalog", "fact"]),
                                    name="release_event_one_per_work"),
        ]

    def __str__(self):
        return f"{self.title} ({self.when.isoformat()})"

    def save(self, *args, **kwargs):
        if not self.title.strip() and self.work_id is not None:
            self.title = self.work.title
        self.first_day, self.last_day = days_covered(self.year, self.month, self.day)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"year", "month", "day"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "first_day", "last_day"}
        super().save(*args, **kwargs)

    @property
    def when(self) -> PartialDate:
        return PartialDate(self.year, self.month, self.day)

    @property
    def precision(self) -> str:
        """'year', 'month', 'day' or 'time'."""
        if self.day and self.time is not None:
            return "time"
        return self.when.precision

    @property
    def is_derived(self) -> bool:
        return self.origin in self.DERIVED_ORIGINS

    @property
    def is_active(self) -> bool:
        return self.status not in self.INACTIVE_STATUSES

    @admin.display(description=_("date"), ordering="first_day")
    def announced_date(self) -> str:
        """The date as precisely as known, for the admin list: '2026-05', '2026-05-24 13:00 Asia/Seoul'."""
        parts = [self.when.isoformat()]
        if self.precision == "time":
            parts += [self.time.strftime("%H:%M"), self.timezone]
        return " ".join(parts)

    def starts_at(self) -> datetime | None:
        """The moment of release in the event's own zone, when the time is known."""
        if self.precision != "time" or not known_time_zone(self.timezone):
            return None
        return datetime.combine(date(self.year, self.month, self.day), self.time,
                                tzinfo=zoneinfo.ZoneInfo(self.timezone))

    def clean(self):
        try:
            validate_parts(self.year, self.month, self.day)
        except PartialDateError as exc:
            if self.year is None or not 1850 <= self.year <= 2100:
                field = "year"
            elif self.month is not None and not 1 <= self.month <= 12:
                field = "month"
            else:
                field = "day"
            raise ValidationError({field: str(exc)}) from exc
        errors = {}
        if self.time is not None and not self.day:
            errors["time"] = _("A time needs the day: fill in the day, or leave the time empty.")
        elif self.time is not None and not self.timezone:
            errors["timezone"] = _("Say which time zone the time is in, e.g. Asia/Seoul or Europe/Moscow.")
        if self.timezone and not known_time_zone(self.timezone):
            errors["timezone"] = _("“%(zone)s” is not a time zone we know: use a name such as "
                                   "Asia/Seoul or Europe/Moscow.") % {"zone": self.timezone}
        if not self.title.strip() and self.work_id is None:
            errors["title"] = _("Give the event a title, or choose the work it releases.")
        if errors:
            raise ValidationError(errors)


def days_covered(year: int, month: int | None, day: int | None) -> tuple[date, date]:
    """The first and last day a release known to this precision can fall on."""
    if day:
        return date(year, month, day), date(year, month, day)
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)
