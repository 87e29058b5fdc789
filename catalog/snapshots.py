"""A music video's or a person's page facts from other tables, stored as one row per record.

The video page shows its artists, other titles, credits, references both ways, and "more by
this director", "more with this cinematographer" and "videos that reference this": eight
queries per reader, a page's worth of the ORM composing SQL and building objects (four times
the rest of the page, `docs/performance.md`), for facts that change when an editor edits the
catalog, not when someone reads it. They are stored as a snapshot (`WorkSnapshot`), read in the
page's own query. A person page likewise (`PersonSnapshot`): other names, their works as an
artist, the groups and members, the filmography by role and the signature of the videos
they directed or shot (their palette and pace, see looks).

As with the articles' snapshots (`editorial.snapshots`), a change drops the snapshots it
affects at once (see signals) and a background task builds them again; until then the page
builds the same form live, so nobody sees a credit that was just corrected, and there is one
way the page is rendered. The stored form names records by kind, name and address, never by
model, and keeps codes (roles, link kinds) rather than labels, so each reader sees them in
their own language. What changes on its own clock stays live: the video's look, the
articles about the record (their cards show view counts) and the release calendar.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber

from deepcuts import snapshots as storage

from .dates import PartialDate
from .models import ROLE_ORDER, Credit, Role, Work, WorkArtist, WorkLink, artists_with_people
from .spelling import Script

# Stored snapshots of another version are ignored (built live) until they are built again.
VIDEO_VERSION = 1
PERSON_VERSION = 2  # 2: with the signature
BATCH = 200
MORE_COUNT = 6
# The roles whose other videos a video page lists ("more by this director").
MORE_ROLES = (Role.DIRECTOR, Role.CINEMATOGRAPHER)


@dataclass(frozen=True)
class Link:
    """A person or work as a page links to it. `get_absolute_url` is the model's spelling, so
    the templates that take people and works take these too."""
    kind: str
    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True)
class SourcePage:
    """The published article a credit was read from."""
    url: str
    live: bool = True


@dataclass(frozen=True)
class CreditLine:
    """One line of a credits box, spelled as the `Credit` model is for its template."""
    role: str
    person: Link
    credited_as: str
    character: str
    source_quote: str = ""
    source_url: str = ""
    source_article: SourcePage | None = None

    def get_role_display(self) -> str:
        return Role(self.role).label


@dataclass(frozen=True)
class WorkRef:
    """Another work as a list or a reference shows it."""
    kind: str
    title: str
    url: str
    release: PartialDate | None
    artists: list[Link] = field(default_factory=list)

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def release_year(self) -> int | None:
        return self.release.year if self.release else None

    def get_kind_display(self) -> str:
        return Work.Kind(self.kind).label


@dataclass(frozen=True)
class Reference:
    """A link between two works, spelled as `WorkLink` is for its template."""
    kind: str
    note: str
    source: WorkRef
    target: WorkRef

    def get_kind_display(self) -> str:
        return WorkLink.Kind(self.kind).label

    def inverse_label(self) -> str:
        return str(WorkLink.INVERSE[self.kind])


@dataclass(frozen=True)
class MoreBy:
    person: Link
    works: list[WorkRef]
    has_more: bool


# --- the stored form ------------------------------------------------------------------------------

def _link(person) -> dict:
    return {"kind": person.kind, "name": person.name, "url": person.get_absolute_url()}


def _date(date: PartialDate | None) -> list | None:
    return [date.year, date.month, date.day] if date else None


def _ref(work: Work, with_artists: bool = False) -> dict:
    data = {"kind": work.kind, "title": work.title, "url": work.get_absolute_url(),
            "release": _date(work.release)}
    if with_artists:
        data["artists"] = [_link(a.person) for a in work.artists.all()]
    return data


def _credit(credit: Credit) -> dict:
    data = {"role": credit.role, "person": _link(credit.person), "credited_as": credit.credited_as,
            "character": credit.character, "source_quote": credit.source_quote,
            "source_url": credit.source_url, "source_article": None}
    page = credit.source_article
    if page is not None and page.live:
        data["source_article"] = page.url
    return data


def newest_first(work: Work) -> tuple:
    """A sort key: newest release first, undated last."""
    key = work.release.sort_key() if work.release else (0, 0, 0)
    return tuple(-part for part in key)


def newest_works_first(prefix: str = "") -> list:
    """Newest release first, undated last (the default NULL order differs between databases)."""
    return [F(f"{prefix}release_{part}").desc(nulls_last=True) for part in ("year", "month", "day")]


def _more_by(work: Work, credits: list[Credit], role: str, others_by_person: dict) -> list[dict]:
    """The first person in `role` on this video and their other works in that role, from the
    batch's newest works of each person (`others_by_person`, see prepare)."""
    person = next((c.person for c in credits if c.role == role), None)
    if person is None:
        return []
    others = [w for w in others_by_person.get(person.pk, []) if w.pk != work.pk][:MORE_COUNT + 1]
    if not others:
        return []
    return [{"person": _link(person), "works": [_ref(w, with_artists=True) for w in others[:MORE_COUNT]],
             "has_more": len(others) > MORE_COUNT}]


WORK_PREFETCH = (
    artists_with_people(),
    "titles",
    # A credit's source page is rare and a whole page row: read only for the credits that have one.
    Prefetch("credits", queryset=Credit.objects.select_related("person").prefetch_related("source_article")),
)


def _ordered_credits(work: Work) -> list[Credit]:
    return sorted(work.credits.all(), key=lambda c: (ROLE_ORDER[c.role], c.sort_order))


def _newest_works_of(people: set[int], role: str) -> dict[int, list[Work]]:
    """Each person's MORE_COUNT + 2 newest works in `role` (enough for any of their videos to
    leave itself out and still know whether there are more), in one query for all of them."""
    if not people:
        return {}
    position = Window(RowNumber(), partition_by=[F("person_id")],
                      order_by=[*newest_works_first("work__"), F("work__title").asc(), F("work_id").asc()])
    credits = (Credit.objects.filter(person__in=people, role=role).annotate(position=position)
               .filter(position__lte=MORE_COUNT + 2).select_related("work")
               .prefetch_related(Prefetch("work__artists", WorkArtist.objects.select_related("person")))
               .order_by("person_id", "position"))
    found: dict[int, list[Work]] = {}
    for credit in credits:
        found.setdefault(credit.person_id, []).append(credit.work)
    return found


def prepare(works: Iterable[Work]) -> list[Work]:
    """`works` (with WORK_PREFETCH read) with what their snapshots need from other records read
    for all of them at once: their references both ways and their makers' other works. A few
    queries per batch instead of six per video, which made rebuilding 100,000 snapshots take
    eighteen minutes."""
    works = list(works)
    ids = [work.pk for work in works]
    links = list(WorkLink.objects.filter(Q(source__in=ids) | Q(target__in=ids))
                 .select_related("source", "target")
                 .prefetch_related(Prefetch("source__artists", WorkArtist.objects.select_related("person")))
                 .order_by("sort_order", "pk"))
    # Only the first person in each role is shown, so only theirs are read.
    firsts = {role: {next((c.person_id for c in _ordered_credits(work) if c.role == role), None)
                     for work in works} - {None} for role in MORE_ROLES}
    newest = {role: _newest_works_of(people, role) for role, people in firsts.items()}
    for work in works:
        work._snapshot_links = [link for link in links if work.pk in (link.source_id, link.target_id)]
        work._snapshot_newest = newest
    return works


def snapshot_of(work: Work) -> dict:
    """The snapshot of a music video, from `work` with WORK_PREFETCH read (and `prepare`d, or it
    is prepared on its own here)."""
    if not hasattr(work, "_snapshot_links"):
        prepare([work])
    credits = _ordered_credits(work)
    links_out = [link for link in work._snapshot_links if link.source_id == work.pk]
    links_in = [link for link in work._snapshot_links if link.target_id == work.pk]
    referencing = {link.source.pk: link.source for link in links_in
                   if link.source.kind == Work.Kind.MUSIC_VIDEO}
    newest = work._snapshot_newest
    return {
        "version": VIDEO_VERSION,
        "artists": [_link(a.person) for a in work.artists.all()],
        "titles": [{"language": t.language, "title": t.title} for t in work.titles.all()],
        "credits": [_credit(c) for c in credits],
        "links_out": [{"kind": link.kind, "note": link.note, "target": _ref(link.target)}
                      for link in links_out],
        "links_in": [{"kind": link.kind, "note": link.note, "source": _ref(link.source)}
                     for link in links_in],
        "more_by_director": _more_by(work, credits, Role.DIRECTOR, newest[Role.DIRECTOR]),
        "more_with_cinematographer": _more_by(work, credits, Role.CINEMATOGRAPHER,
                                              newest[Role.CINEMATOGRAPHER]),
        "referenced_by_videos": [
            _ref(w, with_artists=True)
            for w in sorted(referencing.values(), key=lambda w: (newest_first(w), w.title))[:MORE_COUNT]],
    }


def stored(record) -> dict | None:
    """The stored snapshot of a work or person, if it has a current one (read with the record by
    the page)."""
    return storage.current(record, VIDEO_VERSION if isinstance(record, Work) else PERSON_VERSION)


def _release(parts) -> PartialDate | None:
    return PartialDate(*parts) if parts else None


def _work_ref(data: dict) -> WorkRef:
    return WorkRef(data["kind"], data["title"], data["url"], _release(data["release"]),
                   [Link(**a) for a in data.get("artists", [])])


def _more_by_block(data: dict) -> MoreBy:
    return MoreBy(Link(**data["person"]), [_work_ref(w) for w in data["works"]], data["has_more"])


class Shown:
    """A video snapshot as the video template and the structured data read it."""

    def __init__(self, work: Work, data: dict):
        here = WorkRef(work.kind, work.title, work.get_absolute_url(), work.release)
        self.artists = [Link(**a) for a in data["artists"]]
        self.titles = data["titles"]
        self.credits = [
            CreditLine(c["role"], Link(**c["person"]), c["credited_as"], c["character"],
                       c["source_quote"], c["source_url"],
                       SourcePage(c["source_article"]) if c["source_article"] else None)
            for c in data["credits"]]
        self.links_out = [Reference(r["kind"], r["note"], here, _work_ref(r["target"]))
                          for r in data["links_out"]]
        self.links_in = [Reference(r["kind"], r["note"], _work_ref(r["source"]), here)
                         for r in data["links_in"]]
        self.more_by_director = [_more_by_block(b) for b in data["more_by_director"]]
        self.more_with_cinematographer = [_more_by_block(b) for b in data["more_with_cinematographer"]]
        self.referenced_by_videos = [_work_ref(w) for w in data["referenced_by_videos"]]


# --- person pages ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class OtherName:
    name: str
    language: str
    script: str

    def get_script_display(self) -> str:
        return dict(Script.choices).get(self.script, self.script)


@dataclass(frozen=True)
class FilmCredit:
    work: WorkRef
    character: str


def person_prefetch() -> tuple:
    """What a person snapshot reads, as prefetches: a query per kind of fact for a whole batch."""
    from .models import Membership

    return (
        "names",
        Prefetch("works_as_artist", WorkArtist.objects.select_related("work")),
        Prefetch("memberships", Membership.objects.select_related("member")),  # as the group
        Prefetch("member_of", Membership.objects.select_related("group")),
        Prefetch("credits", Credit.objects.select_related("work")),
    )


def _signatures(people: list) -> dict[int, dict]:
    """Palette and pace over the analysed videos each person directed or shot (see looks), in
    one query for all of them."""
    from looks.models import VideoLook
    from vision.compare import combined_palette

    looks_by_maker: dict[int, dict[int, VideoLook]] = {}
    for look in (VideoLook.objects.filter(status=VideoLook.Status.DONE,
                                          work__credits__person__in=[p.pk for p in people],
                                          work__credits__role__in=MORE_ROLES)
                 .annotate(maker=F("work__credits__person")).only("report", "shots_per_minute")):
        # A director who also shot the video meets its look twice.
        looks_by_maker.setdefault(look.maker, {})[look.pk] = look
    signatures = {}
    for maker, found in looks_by_maker.items():
        looks = [found[pk] for pk in sorted(found)]
        pace = sum(look.shots_per_minute or 0 for look in looks) / len(looks)
        signatures[maker] = {"count": len(looks), "shots_per_minute": pace,
                             "palette": combined_palette([look.report for look in looks])}
    return signatures


def prepare_people(people: Iterable) -> list:
    """`people` (with person_prefetch read) with their signatures read for all at once."""
    people = list(people)
    signatures = _signatures(people)
    for person in people:
        person._snapshot_signature = signatures.get(person.pk)
    return people


def person_snapshot_of(person) -> dict:
    """The snapshot of a person page, from `person` with person_prefetch read (and
    `prepare_people`d, or it is prepared on its own here)."""
    if not hasattr(person, "_snapshot_signature"):
        prepare_people([person])
    as_artist = sorted((wa.work for wa in person.works_as_artist.all()),
                       key=lambda w: (newest_first(w), w.title))
    credits = sorted(person.credits.all(),
                     key=lambda c: (ROLE_ORDER[c.role], newest_first(c.work), c.work.title))
    return {
        "version": PERSON_VERSION,
        "names": [{"name": n.name, "language": n.language, "script": n.script} for n in person.names.all()],
        "as_artist": [_ref(w) for w in as_artist],
        "members": [_link(m.member) for m in person.memberships.all()],
        "member_of": [_link(m.group) for m in person.member_of.all()],
        "credits": [{"role": c.role, "work": _ref(c.work), "character": c.character} for c in credits],
        "signature": person._snapshot_signature,
    }


class PersonShown:
    """A person snapshot as the person template and the structured data read it."""

    def __init__(self, data: dict):
        from itertools import groupby

        self.names = [OtherName(**n) for n in data["names"]]
        works = [_work_ref(w) for w in data["as_artist"]]
        self.videos = [w for w in works if w.kind == Work.Kind.MUSIC_VIDEO]
        self.releases = [w for w in works if w.kind in (Work.Kind.ALBUM, Work.Kind.SONG)]
        self.is_artist = bool(works)
        self.members = [Link(**m) for m in data["members"]]
        self.member_of = [Link(**m) for m in data["member_of"]]
        self.filmography = [
            {"role": Role(role).label,
             "credits": [FilmCredit(_work_ref(c["work"]), c["character"]) for c in items]}
            for role, items in groupby(data["credits"], key=lambda c: c["role"])]
        self.signature = data["signature"]


# --- storing and dropping -------------------------------------------------------------------------

def store(work_ids: Iterable[int]) -> int:
    """Build and store the snapshots of these music videos; returns how many were stored.
    Works that no longer exist, or are not music videos, are skipped."""
    from .models import WorkSnapshot

    videos = Work.objects.filter(kind=Work.Kind.MUSIC_VIDEO).prefetch_related(*WORK_PREFETCH)
    return storage.store(WorkSnapshot, work_ids, lambda ids: prepare(videos.filter(pk__in=ids)),
                         snapshot_of, BATCH)


def store_people(person_ids: Iterable[int]) -> int:
    """Build and store the snapshots of these people's pages; returns how many were stored."""
    from .models import Person, PersonSnapshot

    people = Person.objects.prefetch_related(*person_prefetch())
    return storage.store(PersonSnapshot, person_ids, lambda ids: prepare_people(people.filter(pk__in=ids)),
                         person_snapshot_of, BATCH)


def forget(work_ids: Iterable[int]) -> None:
    from .models import WorkSnapshot

    storage.drop(WorkSnapshot, work_ids, Work.objects.filter(kind=Work.Kind.MUSIC_VIDEO))


def forget_people(person_ids: Iterable[int]) -> None:
    from .models import Person, PersonSnapshot

    storage.drop(PersonSnapshot, person_ids, Person.objects.all())


def people_showing(works: Iterable[int] = (), people: Iterable[int] = ()) -> set[int]:
    """The people whose snapshots show any of these works or people: everyone credited on the
    works or an artist of them, the people themselves, and the groups and members beside them."""
    from .models import Membership

    people = set(people)
    found = set(people)
    for chunk in storage.chunks(works):
        found |= set(Credit.objects.filter(work_id__in=chunk).values_list("person_id", flat=True))
        found |= set(WorkArtist.objects.filter(work_id__in=chunk).values_list("person_id", flat=True))
    for chunk in storage.chunks(people):
        for group, member in Membership.objects.filter(Q(group_id__in=chunk) | Q(member_id__in=chunk)) \
                .values_list("group_id", "member_id"):
            found.update((group, member))
    return found


def videos_showing(works: Iterable[int] = (), people: Iterable[int] = ()) -> set[int]:
    """The music videos whose snapshots show any of these works or people.

    A video shows its own artists and credits, the works it links to and from, and the other
    videos of its director and cinematographer, each with their artists: so a work is shown by
    itself, by the works linked to it, and by the videos that share one of its directors or
    cinematographers in that role; a person by every work they are credited on or an artist of,
    and everything that shows those."""
    works, people = set(works), list(people)
    if people:
        works |= set(Credit.objects.filter(person_id__in=people).values_list("work_id", flat=True))
        works |= set(WorkArtist.objects.filter(person_id__in=people).values_list("work_id", flat=True))
    found = set(works)
    for chunk in storage.chunks(works):
        for source, target in WorkLink.objects.filter(Q(source_id__in=chunk) | Q(target_id__in=chunk)) \
                .values_list("source_id", "target_id"):
            found.update((source, target))
        makers = list(Credit.objects.filter(work_id__in=chunk, role__in=MORE_ROLES)
                      .values_list("person_id", "role"))
        for role in MORE_ROLES:
            persons = [person for person, made_as in makers if made_as == role]
            if persons:
                found |= set(Credit.objects.filter(person_id__in=persons, role=role)
                             .values_list("work_id", flat=True))
    return found
