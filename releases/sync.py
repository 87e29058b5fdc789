"""Keep the calendar in step with the catalog's release dates and with accepted facts.

Each work with a known release year has one derived event (origin "catalog", or "fact" when the
date came from an article an editor accepted). It is rewritten whenever the work, its artists or
its date change, and removed when the date goes. A published hand-made event for the same work
(from an editor or a reader) takes its place, so a release is never listed twice.
"""
from collections import defaultdict

from catalog.models import Work, WorkArtist

from .models import ReleaseEvent

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


def wanted(work: Work) -> dict:
    """The derived event's fields as the work says they should be."""
    return {
        "title": work.title,
        "kind": KIND_OF_WORK.get(work.kind, ReleaseEvent.Kind.OTHER),
        "year": work.release_year,
        "month": work.release_month,
        "day": work.release_day if work.release_month else None,
        "status": STATUS_OF_WORK.get(work.release_status, ReleaseEvent.Status.ANNOUNCED),
    }


def differs(event: ReleaseEvent, values: dict) -> bool:
    return any(getattr(event, key) != value for key, value in values.items())


def sync_work(work: Work) -> ReleaseEvent | None:
    """Create, update or delete the work's derived event; returns it when there is one."""
    derived = ReleaseEvent.objects.derived().filter(work=work).first()
    replaced = ReleaseEvent.objects.hand_made().public().filter(work=work).exists()
    if work.release_year is None or replaced:
        if derived is not None:
            derived.delete()
        return None
    event = derived or ReleaseEvent(work=work, uid=f"work-{work.pk}", origin=ReleaseEvent.Origin.CATALOG)
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


def sync_work_by_id(work_id: int | None) -> None:
    work = Work.objects.filter(pk=work_id).first() if work_id else None
    if work is not None:
        sync_work(work)


def sync_all() -> int:
    """Bring every derived event up to date; returns how many works needed a change.

    Runs after every migrate, so it reads everything in a few queries and touches only the works
    whose event is missing, stale or no longer wanted.
    """
    derived = {e.work_id: e for e in ReleaseEvent.objects.derived().prefetch_related("artists")}
    replaced = set(ReleaseEvent.objects.hand_made().public().exclude(work=None)
                   .values_list("work_id", flat=True))
    artists: dict[int, set[int]] = defaultdict(set)
    for work_id, person_id in WorkArtist.objects.values_list("work_id", "person_id"):
        artists[work_id].add(person_id)
    orphans = derived.pop(None, None)
    if orphans is not None:
        ReleaseEvent.objects.derived().filter(work=None).delete()
    changed = 0
    for work in Work.objects.iterator(chunk_size=1000):
        event = derived.get(work.pk)
        if work.release_year is None or work.pk in replaced:
            stale = event is not None
        else:
            stale = event is None or differs(event, wanted(work)) or \
                {a.pk for a in event.artists.all()} != artists[work.pk]
        if stale:
            sync_work(work)
            changed += 1
    return changed


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
