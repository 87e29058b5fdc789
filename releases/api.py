"""The release calendar over /api/v1/: events with filters, and same-day clashes.

Dates are ISO strings exactly as precise as announced ("2026", "2026-05", "2026-05-24"), with
`first_day`/`last_day` giving the span a vague date covers, so a client never has to invent a day.
"""
import datetime as dt

from django.utils import timezone
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from catalog.models import Person

from .clashes import find_clashes
from .display import clash_sentence, event_when
from .models import ReleaseEvent

router = Router(tags=["calendar"])

CLASH_SPAN_DAYS = 3 * 366  # one request never groups more than about three years of days


class Problem(Schema):
    detail: str


class ArtistRef(Schema):
    slug: str
    name: str
    url: str = Field(..., alias="get_absolute_url")


class WorkRef(Schema):
    slug: str
    title: str
    kind: str
    url: str = Field(..., alias="get_absolute_url")


class EventOut(Schema):
    id: int
    uid: str = Field(..., description="Stable identifier, also the UID in the .ics feeds")
    title: str
    kind: ReleaseEvent.Kind
    status: ReleaseEvent.Status
    origin: ReleaseEvent.Origin
    date: str = Field(..., description="As precise as announced: 2026, 2026-05 or 2026-05-24")
    precision: str = Field(..., description="year, month, day or time")
    time: str | None = Field(None, description="Local time in `timezone`, HH:MM")
    timezone: str
    starts_at: dt.datetime | None = Field(None, description="The moment of release, with its UTC offset")
    first_day: dt.date = Field(..., description="First day the release can fall on")
    last_day: dt.date = Field(..., description="Last day the release can fall on")
    display: str = Field(..., description="The date in words, in the request's language")
    work: WorkRef | None
    artists: list[ArtistRef]
    source_url: str

    @staticmethod
    def resolve_date(event):
        return event.when.isoformat()

    @staticmethod
    def resolve_time(event):
        return event.time.strftime("%H:%M") if event.time is not None else None

    @staticmethod
    def resolve_starts_at(event):
        return event.starts_at()

    @staticmethod
    def resolve_display(event):
        return event_when(event, get_language() or "en")

    @staticmethod
    def resolve_artists(event):
        return list(event.artists.all())


class ClashOut(Schema):
    date: dt.date
    sentence: str = Field(..., description="The clash in words, in the request's language")
    artists: list[ArtistRef]
    events: list[EventOut]


class EventFilters(Schema):
    start: dt.date | None = Field(None, alias="from", description="Events that can fall on or after this day")
    end: dt.date | None = Field(None, alias="to", description="Events that can fall on or before this day")
    artist: str | None = Field(None, description="An artist's slug")
    kind: ReleaseEvent.Kind | None = None
    status: ReleaseEvent.Status | None = None


class ClashFilters(Schema):
    start: dt.date | None = Field(None, alias="from", description="First day; today when left out")
    end: dt.date | None = Field(None, alias="to", description="Last day; a year after `from` when left out")
    artist: list[str] = Field(
        default_factory=list,
        description="Followed artists' slugs (repeat the parameter); only clashes between them count. "
                    "Left out, every artist counts.")


def check_span(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise HttpError(422, "“from” is after “to”: swap them or leave one out.")


def artist_or_404(slug: str) -> Person:
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        raise HttpError(404, f"No artist has the slug “{slug}”: see /api/v1/people for the slugs.")
    return person


@router.get("/calendar", response={200: list[EventOut], 404: Problem, 422: Problem},
            summary="Release events, soonest first")
@paginate
def list_events(request, filters: Query[EventFilters]):
    check_span(filters.start, filters.end)
    events = ReleaseEvent.objects.public().overlapping(filters.start, filters.end)
    if filters.artist:
        events = events.filter(artists=artist_or_404(filters.artist))
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.status:
        events = events.filter(status=filters.status)
    return events.soonest_first().for_reading()


@router.get("/calendar/clashes", response={200: list[ClashOut], 404: Problem, 422: Problem},
            summary="Days on which different artists release")
def list_clashes(request, filters: Query[ClashFilters]):
    start = filters.start or timezone.localdate()
    end = filters.end or (start + dt.timedelta(days=365) if start.year < dt.date.max.year else dt.date.max)
    check_span(start, end)
    if (end - start).days > CLASH_SPAN_DAYS:
        raise HttpError(422, "Ask for at most three years at a time: narrow “from” and “to”.")
    followed = {artist_or_404(slug).pk for slug in filters.artist}
    events = (ReleaseEvent.objects.public().filter(day__isnull=False)
              .overlapping(start, end).for_reading())
    return [{"date": clash.day, "sentence": clash_sentence(clash), "artists": clash.artists,
             "events": clash.events}
            for clash in find_clashes(events, followed or None)]
