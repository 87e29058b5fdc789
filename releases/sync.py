"""Keep the calendar in step with the catalog's release dates and with accepted facts.

Each work with a valid release date (at least the year) has one derived event: origin "catalog",
or "fact" when the date came from an article an editor accepted. It is rewritten whenever the
work, its artists or its date change, and removed when the date goes. A published hand-made
event for the same work (from an editor or a reader) takes its place, so a release is never
listed twice.
"""
import logging
from collections import defaultdict

from catalog.dates import PartialDateError, validate_parts
from catalog.models import Work, WorkArtist

from .models import ReleaseEvent, days_covered, new_uid

log = logging.getLogger(__name__)

KIND_OF_WORK = {
    Work.Kind.MUSIC_VIDEO: ReleaseEvent.Kind.VIDEO_PREMIERE,
    Work.Kind.SONG: ReleaseEvent.Kind.SINGLE,
    Work.Kind.ALBUM: ReleaseEvent.Kind.ALBUM,
    Work.Kind.FILM: ReleaseEvent.Kind.FILM_PREMIERE,
    Work.Kind.SERIES: ReleaseEvent.Kind.SERIES_PREMIERE,
}
STATUS_OF_WORK = {
    "confirmed": ReleaseEvent.Status.CONFIRMED,
    "announced": ReleaseEvent.Status.ANNOUNCED,
}
CHUNK = 2000


def has_calendar_date(work: Work) -> bool:
    """A year at least, and a date that exists: a bad date saved by code gets no event rather
    than breaking the save that carried it."""
    if work.release_year is None:
        return False
    try:
        validate_parts(work.release_year, work.release_month, work.release_day)
    except PartialDateError:
        log.warning("Work %s has an impossible release date; it stays off the calendar.", work.pk)
        return False
    return True


def wanted(work: Work) -> dict:
    """The derived event's fields as the work says they should be."""
    return dict(zip(EVENT_FIELDS, wanted_values(work.title, work.kind, work.release_year, work.release_month,
                                                work.release_day, work.release_status), strict=True))


EVENT_FIELDS = ("title", "kind", "year", "month", "day", "status")


def wanted_values(title, kind, year, month, day, status) -> tuple:
    return (title, KIND_OF_WORK.get(kind, ReleaseEvent.Kind.OTHER), year, month, day if month else None,
            STATUS_OF_WORK.get(status, ReleaseEvent.Status.ANNOUNCED))


def differs(event: ReleaseEvent, values: dict) -> bool:
    return any(getattr(event, key) != value for key, value in values.items())


def sync_work(work: Work) -> ReleaseEvent | None:
    """Create, update or delete the work's derived event; returns it when there is one."""
    derived = ReleaseEvent.objects.derived().filter(work=work).first()
    replaced = ReleaseEvent.objects.hand_made().public().filter(work=work).exists()
    if replaced or not has_calendar_date(work):
        if derived is not None:
            derived.delete()
        return None
    event = derived or ReleaseEvent(work=work, uid=derived_uids([work])[work.pk],
                                    origin=ReleaseEvent.Origin.CATALOG)
    values = wanted(work)
    date_changed = (event.year, event.month, event.day) != (values["year"], values["month"], values["day"])
    if event.origin == ReleaseEvent.Origin.FACT and date_changed:
        # The article no longer vouches for the date someone typed into the catalog.
        values.update(origin=ReleaseEvent.Origin.CATALOG, source_article=None, source_quote="")
    if event.pk is None or differs(event, values):
        for key, value in values.items():
            setattr(event, key, value)
        event.save()
    artist_ids = list(work.artists.order_by("sort_order").values_list("person_id", flat=True))
    if set(event.artists.values_list("pk", flat=True)) != set(artist_ids):
        event.artists.set(artist_ids)
    return event


def derived_uids(works) -> dict[int, str]:
    """The calendar UIDs of the works' derived events, by work: `work-<id>`, unless an event an
    editor made from that one and then moved to another work (or to none) kept it, as its
    subscribers know it."""
    wanted = {work.pk: f"work-{work.pk}" for work in works}
    taken = set(ReleaseEvent.objects.filter(uid__in=wanted.values()).values_list("uid", flat=True))
    return {pk: f"{uid}-{new_uid()}" if uid in taken else uid for pk, uid in wanted.items()}


def sync_work_by_id(work_id: int | None) -> None:
    work = Work.objects.filter(pk=work_id).first() if work_id else None
    if work is not None:
        sync_work(work)


def sync_all() -> int:
    """Bring every derived event up to date; returns how many works needed a change.

    Runs after every migrate and after bulk imports (`manage.py sync_release_events`), so it
    compares plain rows chunk by chunk (building model instances for 100,000 works is what
    would cost), bulk-creates missing events, and goes through sync_work only for the rare event
    that is stale or no longer wanted.
    """
    changed = 0
    orphans = ReleaseEvent.objects.derived().filter(work=None)
    if orphans.exists():
        orphans.delete()
    last_pk = 0
    while True:
        rows = list(Work.objects.filter(pk__gt=last_pk).order_by("pk").values_list(*WORK_FIELDS)[:CHUNK])
        if not rows:
            return changed
        changed += sync_chunk(rows)
        last_pk = rows[-1][0]


WORK_FIELDS = ("pk", "title", "kind", "release_year", "release_month", "release_day", "release_status")


def sync_chunk(rows: list[tuple]) -> int:
    # The chunk is a run of consecutive pks, so a range reads it faster than IN (2,000 ids).
    span = {"work_id__gte": rows[0][0], "work_id__lte": rows[-1][0]}
    events = {work_id: (pk, fields) for work_id, pk, *fields in ReleaseEvent.objects.derived()
              .filter(**span).values_list("work_id", "pk", *EVENT_FIELDS)}
    replaced = set(ReleaseEvent.objects.hand_made().public().filter(**span).values_list("work_id", flat=True))
    work_artists: dict[int, list[int]] = defaultdict(list)
    for work_id, person_id in WorkArtist.objects.filter(**span).order_by("sort_order").values_list(
            "work_id", "person_id"):
        work_artists[work_id].append(person_id)
    event_artists: dict[int, set[int]] = defaultdict(set)
    through = ReleaseEvent.artists.through
    for event_id, person_id in through.objects.filter(
            releaseevent__origin__in=ReleaseEvent.DERIVED_ORIGINS,
            releaseevent__work_id__gte=rows[0][0], releaseevent__work_id__lte=rows[-1][0]).values_list(
            "releaseevent_id", "person_id"):
        event_artists[event_id].add(person_id)

    missing, stale = [], []
    for row in rows:
        work_id, year = row[0], row[3]
        event = events.get(work_id)
        if work_id in replaced or year is None:
            if event is not None:
                stale.append(work_id)
        elif event is None:
            missing.append(work_id)
        elif tuple(event[1]) != wanted_values(*row[1:]) or \
                event_artists[event[0]] != set(work_artists[work_id]):
            stale.append(work_id)
    works = Work.objects.in_bulk(missing + stale)
    for work_id in stale:
        sync_work(works[work_id])
    missing = [works[work_id] for work_id in missing if has_calendar_date(works[work_id])]
    if missing:
        uids = derived_uids(missing)
        created = ReleaseEvent.objects.bulk_create([new_event(work, uids[work.pk]) for work in missing])
        through.objects.bulk_create([
            through(releaseevent_id=event.pk, person_id=person_id)
            for event, work in zip(created, missing, strict=True) for person_id in work_artists[work.pk]])
    return len(stale) + len(missing)


def new_event(work: Work, uid: str) -> ReleaseEvent:
    """An unsaved derived event; bulk_create skips save(), so the covered days are set here."""
    values = wanted(work)
    first_day, last_day = days_covered(values["year"], values["month"], values["day"])
    return ReleaseEvent(work=work, uid=uid, origin=ReleaseEvent.Origin.CATALOG,
                        first_day=first_day, last_day=last_day, **values)


def record_fact(proposal) -> ReleaseEvent | None:
    """An accepted release-date proposal: its work's event now cites the article and sentence.

    `proposal` is an imports.Proposal; the date was already written to the work by the review,
    which made the event, so this only records where the date came from.
    """
    if proposal.work is None:
        return None
    work = proposal.work
    if proposal.kind == proposal.Kind.ALBUM_DATE:
        work = work.album
        if work is None:
            return None
    event = sync_work(work)
    if event is None or event.when.isoformat() != proposal.value:
        return event
    event.origin = ReleaseEvent.Origin.FACT
    event.source_article = proposal.imported.page
    event.source_quote = proposal.evidence
    event.save(update_fields=["origin", "source_article", "source_quote", "updated_at"])
    return event
