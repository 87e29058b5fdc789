"""The catalog over /api/v1/: music videos, other works and people; reads open, writes by token.

List endpoints page with `limit`/`offset` and filter with plain query parameters; details are
addressed by slug, the same identifier the public pages use.

No silent overwrites (docs/api.md): a person's or a work's detail carries an `ETag` made of the
record's version (audit.conflicts.version_of: its latest recorded change) and a digest of what the
body shows. A write that sends `If-Match` is refused with 412 when that is no longer the ETag, and
the refusal says what is there now and what was changed since, from the change history.
"""
import hashlib
import re
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import parse_etags
from ninja import Field, Header, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from api.auth import require_perm, token_auth
from api.params import Id, Year
from audit.conflicts import version_of
from audit.display import entries_from
from audit.models import Change

from .models import (
    ROLE_ORDER,
    Credit,
    Person,
    PersonName,
    Role,
    Work,
    WorkLink,
    WorkTitle,
    artists_with_people,
)

router = Router(tags=["catalog"])


class PersonRef(Schema):
    slug: str
    name: str
    url: str = Field(..., alias="get_absolute_url")


class WorkRef(Schema):
    slug: str
    title: str
    kind: str
    url: str = Field(..., alias="get_absolute_url")


class WorkOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    release: str | None = Field(None, description="ISO date as precise as known: 2024, 2024-05, 2024-05-24")
    release_status: str
    artists: list[PersonRef]
    url: str = Field(..., alias="get_absolute_url")

    @staticmethod
    def resolve_release(work):
        return work.release.isoformat() if work.release else None

    @staticmethod
    def resolve_artists(work):
        return [wa.person for wa in work.artists.all()]


class CreditOut(Schema):
    id: int
    role: str
    role_label: str
    person: PersonRef
    credited_as: str
    character: str
    source_url: str

    @staticmethod
    def resolve_role_label(credit):
        return str(Role(credit.role).label)


class LinkOut(Schema):
    kind: str
    work: WorkRef
    note: str


class TitleOut(Schema):
    title: str
    language: str


class WorkDetail(WorkOut):
    titles: list[TitleOut]
    album: WorkRef | None
    song: WorkRef | None
    video_url: str
    duration_seconds: int | None
    description: str
    credits: list[CreditOut]
    references: list[LinkOut] = Field(..., description="Works this one refers to")
    referenced_by: list[LinkOut]

    @staticmethod
    def resolve_titles(work):
        return list(work.titles.all())

    @staticmethod
    def resolve_duration_seconds(work):
        return int(work.duration.total_seconds()) if work.duration else None

    @staticmethod
    def resolve_credits(work):
        return sorted(work.credits.all(), key=lambda c: (ROLE_ORDER[c.role], c.sort_order or 0, c.pk))

    @staticmethod
    def resolve_references(work):
        return [{"kind": link.kind, "work": link.target, "note": link.note} for link in work.links_out.all()]

    @staticmethod
    def resolve_referenced_by(work):
        return [{"kind": link.kind, "work": link.source, "note": link.note} for link in work.links_in.all()]


class NameOut(Schema):
    name: str
    script: str
    language: str


class PersonOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    disambiguation: str
    country: str
    url: str = Field(..., alias="get_absolute_url")


class PersonDetail(PersonOut):
    genres: list[str] = Field(..., alias="genre_list")
    bio: str
    names: list[NameOut]
    credits: list["PersonCredit"]

    @staticmethod
    def resolve_names(person):
        return list(person.names.all())

    @staticmethod
    def resolve_credits(person):
        return [{"role": c.role, "work": c.work} for c in person.credits.all()]


class PersonCredit(Schema):
    role: str
    work: WorkRef


PersonDetail.model_rebuild()


class PersonIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    slug: str = Field(..., pattern=r"^[-a-zA-Z0-9_]+$", max_length=200)
    kind: Person.Kind = Person.Kind.PERSON
    disambiguation: str = Field("", max_length=100)
    country: str = Field("", max_length=2)
    genres: str = Field("", max_length=200)
    bio: str = Field("", max_length=5000)
    other_names: list[str] = Field(default_factory=list, max_length=50)


class PersonPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    disambiguation: str | None = Field(None, max_length=100)
    country: str | None = Field(None, max_length=2)
    genres: str | None = Field(None, max_length=200)
    bio: str | None = Field(None, max_length=5000)


class CreditIn(Schema):
    person: str = Field(..., description="The person's slug")
    role: Role
    credited_as: str = Field("", max_length=200)
    character: str = Field("", max_length=200)
    source_url: str = Field("", max_length=200)


class Problem(Schema):
    detail: str


class FieldChangeOut(Schema):
    field: str
    before: str
    after: str


class ChangedRowOut(Schema):
    what: str = Field(..., description="The row: its kind and name, e.g. Person or group “Dan Streit”")
    action: str = Field(..., description="added, changed or removed")
    fields: list[FieldChangeOut]


class ChangeEntryOut(Schema):
    at: datetime
    by: str = Field(..., description="Who saved it, or where it came from when no one was signed in")
    source: str = Field(..., description="admin, import, api, submission, demo, revert or script")
    rows: list[ChangedRowOut]


class Conflict(Schema):
    detail: str
    etag: str = Field(..., description="The record's ETag now (also in the ETag header)")
    current: dict[str, Any] = Field(..., description="What the fields you sent hold now")
    changes: list[ChangeEntryOut] = Field(
        ..., description="The change history of the record since the version your If-Match names, "
                         "oldest first (empty when your If-Match is not an ETag of ours)")


IF_MATCH = ("The ETag of the record as you read it (GET). When it is no longer the record's ETag "
            "nothing is changed and the answer is 412. Without it the change is applied to whatever "
            "is there now.")
ETAG_HEADER = {"ETag": {"description": "The record's version and a digest of this body; send it back "
                                       "in If-Match to change the record only if nobody has since",
                        "schema": {"type": "string"}}}


def work_prefetches():
    # Rows in a fixed order (sort_order, then id), so equal records give equal bodies and ETags.
    order = ("sort_order", "pk")
    return (
        artists_with_people(*order),
        Prefetch("titles", queryset=WorkTitle.objects.order_by(*order)),
        Prefetch("credits", queryset=Credit.objects.select_related("person")),
        Prefetch("links_out", queryset=WorkLink.objects.select_related("target").order_by(*order)),
        Prefetch("links_in", queryset=WorkLink.objects.select_related("source").order_by(*order)),
    )


def person_prefetches():
    return (
        Prefetch("names", queryset=PersonName.objects.order_by("sort_order", "pk")),
        Prefetch("credits", queryset=Credit.objects.select_related("work").order_by("sort_order", "pk")),
    )


# ---------------------------------------------------------------- ETags and If-Match

ETAG = re.compile(r'"(\d+)-[0-9a-f]{16}"')


def etag_of(record, body: Schema) -> str:
    """`"<version>-<digest>"`, a strong ETag. The version (the id of the record's latest recorded
    change) ties it to the change history, so a refusal can show what changed since; the digest of
    the body covers what the body shows of other records (a person's credits belong to their
    works), and changes made without the model (`QuerySet.update()`), which have no version."""
    digest = hashlib.blake2b(body.model_dump_json().encode(), digest_size=8).hexdigest()
    return f'"{version_of(record)}-{digest}"'


def person_detail(person: Person) -> PersonDetail:
    prefetch_related_objects([person], *person_prefetches())
    return PersonDetail.from_orm(person)


def work_detail(work: Work) -> WorkDetail:
    prefetch_related_objects([work], *work_prefetches())
    return WorkDetail.from_orm(work)


def sent_tags(if_match: str) -> list[str]:
    """The entity tags of an If-Match header; a tag sent without its quotes is taken as meant."""
    if if_match.strip() == "*":
        return ["*"]
    tags = []
    for part in if_match.split(","):
        part = part.strip()
        if part and not part.startswith(('"', 'W/"')):
            part = f'"{part}"'
        tags.extend(parse_etags(part))
    return tags


def matches(if_match: str, etag: str) -> bool:
    """RFC 9110 If-Match: `*`, or one of the tags equal to the current one by strong comparison
    (a weak tag, W/"...", never matches)."""
    tags = sent_tags(if_match)
    return "*" in tags or etag in tags


def history_since(record, if_match: str) -> list[dict] | None:
    """The record's history entries since the version named in If-Match, oldest first; None when
    no tag sent is one of ours."""
    versions = [int(m[1]) for m in map(ETAG.fullmatch, sent_tags(if_match)) if m]
    if not versions:
        return None
    later = (Change.objects.filter(record_type=ContentType.objects.get_for_model(type(record)),
                                   record_id=record.pk, id__gt=max(versions))
             .select_related("user", "content_type").order_by("-id")[:200])
    return [{
        "at": entry.first.at,
        "by": entry.who or str(entry.first.get_source_display()),
        "source": entry.first.source,
        "rows": [{"what": f"{line.kind} “{line.object_label}”", "action": str(line.get_action_display()),
                  "fields": [{"field": str(f.label), "before": str(f.before), "after": str(f.after)}
                             for f in line.fields]}
                 for line in entry.lines],
    } for entry in reversed(entries_from(later))]


def refused(response: HttpResponse, record, etag: str, if_match: str, current: dict,
            what: str, refetch: str) -> Status:
    """412 with what to do next: nothing was saved; here is what is there now and what changed."""
    changes = history_since(record, if_match)
    detail = (f"{what} has changed since you read it (your If-Match is no longer its ETag), so "
              "nothing you sent was saved. `current` shows what the fields you sent hold now and "
              f"`changes` what was changed since. Fetch it again (GET {refetch}), reapply your "
              "change to what is there now and send it with the new ETag in If-Match.")
    if changes is None:
        detail += " (Your If-Match is not an ETag this API sends: use the ETag header of that GET.)"
    response["ETag"] = etag
    return Status(412, {"detail": detail, "etag": etag, "current": current, "changes": changes or []})


def filter_works(qs, artist: str | None, director: str | None, year: int | None):
    if artist:
        qs = qs.filter(artists__person__slug=artist)
    if director:
        qs = qs.filter(credits__person__slug=director, credits__role=Role.DIRECTOR)
    if year:
        qs = qs.filter(release_year=year)
    return qs.distinct() if (artist or director) else qs


@router.get("/videos", response=list[WorkOut], summary="Music videos, newest first")
@paginate
def list_videos(request, artist: str | None = None, director: str | None = None, year: Year | None = None):
    qs = Work.objects.filter(kind=Work.Kind.MUSIC_VIDEO).prefetch_related(artists_with_people())
    return filter_works(qs, artist, director, year).order_by("-release_year", "-release_month",
                                                             "-release_day", "-pk")


@router.get("/videos/{slug}", response={200: WorkDetail, 404: Problem}, summary="One music video",
            openapi_extra={"responses": {200: {"headers": ETAG_HEADER}}})
def get_video(request, slug: str, response: HttpResponse):
    work = get_object_or_404(Work.objects.select_related("album", "song"), slug=slug,
                             kind=Work.Kind.MUSIC_VIDEO)
    detail = work_detail(work)
    response["ETag"] = etag_of(work, detail)
    return detail


@router.get("/works", response=list[WorkOut], summary="Songs, albums, films and series")
@paginate
def list_works(request, kind: Work.Kind | None = None, artist: str | None = None, year: Year | None = None):
    qs = Work.objects.exclude(kind=Work.Kind.MUSIC_VIDEO).prefetch_related(artists_with_people())
    if kind:
        qs = qs.filter(kind=kind)
    return filter_works(qs, artist, None, year).order_by("title", "pk")


@router.get("/works/{slug}", response={200: WorkDetail, 404: Problem}, summary="Any work, videos included",
            openapi_extra={"responses": {200: {"headers": ETAG_HEADER}}})
def get_work(request, slug: str, response: HttpResponse):
    work = get_object_or_404(Work.objects.select_related("album", "song"), slug=slug)
    detail = work_detail(work)
    response["ETag"] = etag_of(work, detail)
    return detail


@router.get("/people", response=list[PersonOut], summary="People, groups and companies")
@paginate
def list_people(request, kind: Person.Kind | None = None, country: str | None = None):
    qs = Person.objects.order_by("name", "pk")
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper())
    return qs


@router.get("/people/{slug}", response={200: PersonDetail, 404: Problem}, summary="One person or group",
            openapi_extra={"responses": {200: {"headers": ETAG_HEADER}}})
def get_person(request, slug: str, response: HttpResponse):
    person = get_object_or_404(Person, slug=slug)
    detail = person_detail(person)
    response["ETag"] = etag_of(person, detail)
    return detail


def save_checked(instance):
    """Run the model's own validation, so the API refuses what the admin would refuse."""
    try:
        instance.full_clean()
    except ModelValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from None
    instance.save()


@router.post("/people", auth=token_auth, summary="Add a person or group",
             response={201: PersonDetail, 401: Problem, 403: Problem, 422: Problem})
def create_person(request, data: PersonIn):
    require_perm(request, "catalog.add_person")
    with transaction.atomic():
        person = Person(**data.dict(exclude={"other_names"}))
        save_checked(person)
        for name in data.other_names:
            if name.strip():
                PersonName.objects.create(person=person, name=name.strip())
    return Status(201, person)


def locked(queryset):
    """Held until the transaction ends, so nobody saves between our If-Match check and our save.
    NO KEY: rows that merely point at the record (a new credit) need not wait. SQLite ignores it:
    its writers take turns anyway."""
    return queryset.select_for_update(no_key=True)


@router.patch("/people/{slug}", auth=token_auth,
              response={200: PersonDetail, 401: Problem, 403: Problem, 404: Problem, 412: Conflict,
                        422: Problem},
              openapi_extra={"responses": {200: {"headers": ETAG_HEADER}}},
              summary="Change a person's details")
def update_person(request, slug: str, data: PersonPatch, response: HttpResponse,
                  if_match: str | None = Header(None, alias="If-Match", description=IF_MATCH)):
    require_perm(request, "catalog.change_person")
    sent = {field: value for field, value in data.dict(exclude_unset=True).items() if value is not None}
    with transaction.atomic():
        person = get_object_or_404(locked(Person.objects), slug=slug)
        if if_match is not None:
            etag = etag_of(person, person_detail(person))
            if not matches(if_match, etag):
                return refused(response, person, etag, if_match,
                               {field: getattr(person, field) for field in sent},
                               f"“{person}”", f"/api/v1/people/{person.slug}")
        for field, value in sent.items():
            setattr(person, field, value)
        save_checked(person)
        detail = person_detail(person)
        response["ETag"] = etag_of(person, detail)
    return detail


def check_work(response, work: Work, if_match: str | None, current) -> Status | None:
    """None when the write may go ahead; else the 412 to answer with."""
    if if_match is None:
        return None
    etag = etag_of(work, work_detail(work))
    if matches(if_match, etag):
        return None
    where = "videos" if work.kind == Work.Kind.MUSIC_VIDEO else "works"
    return refused(response, work, etag, if_match, current(), f"“{work.title}”",
                   f"/api/v1/{where}/{work.slug}")


def credit_now(credit: Credit) -> dict:
    return {"id": credit.pk, "role": credit.role, "person": credit.person.slug,
            "credited_as": credit.credited_as, "character": credit.character,
            "source_url": credit.source_url}


WORK_IF_MATCH = ("The ETag of the work as you read it (GET /videos/{slug} or /works/{slug}): a credit "
                 "is part of its work. " + IF_MATCH.split(". ", 1)[1])


@router.post("/works/{slug}/credits", auth=token_auth,
             response={201: CreditOut, 401: Problem, 403: Problem, 404: Problem, 412: Conflict,
                       422: Problem},
             summary="Credit a person on a work")
def add_credit(request, slug: str, data: CreditIn, response: HttpResponse,
               if_match: str | None = Header(None, alias="If-Match", description=WORK_IF_MATCH)):
    require_perm(request, "catalog.change_work")
    with transaction.atomic():
        work = get_object_or_404(locked(Work.objects), slug=slug)
        refusal = check_work(response, work, if_match,
                             lambda: {"credits": [credit_now(c) for c in work.credits.all()]})
        if refusal is not None:
            return refusal
        person = Person.objects.filter(slug=data.person).first()
        if person is None:
            raise HttpError(422, f"There is no person with the slug {data.person!r}; add them first.")
        credit = Credit(work=work, person=person, role=data.role, credited_as=data.credited_as,
                        character=data.character, source_url=data.source_url)
        save_checked(credit)
    return Status(201, credit)


@router.delete("/credits/{credit_id}", auth=token_auth,
               response={204: None, 401: Problem, 403: Problem, 404: Problem, 412: Conflict},
               summary="Remove a credit")
def delete_credit(request, credit_id: Id, response: HttpResponse,
                  if_match: str | None = Header(None, alias="If-Match", description=WORK_IF_MATCH)):
    require_perm(request, "catalog.change_work")
    with transaction.atomic():
        work_id = get_object_or_404(Credit.objects.values_list("work_id", flat=True), pk=credit_id)
        work = get_object_or_404(locked(Work.objects), pk=work_id)
        # Read under the work's lock: the credit as it is now, or gone meanwhile.
        credit = get_object_or_404(Credit.objects.select_related("person"), pk=credit_id)
        refusal = check_work(response, work, if_match, lambda: credit_now(credit))
        if refusal is not None:
            return refusal
        credit.delete()
    return Status(204, None)


