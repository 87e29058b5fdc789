"""The catalog over /api/v1/: music videos, other works and people; reads open, writes by token.

List endpoints page with `limit`/`offset` and filter with plain query parameters; details are
addressed by slug, the same identifier the public pages use.
"""

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from api.auth import require_perm, token_auth
from api.params import Id, Year

from .models import ROLE_ORDER, Credit, Person, PersonName, Role, Work, WorkLink

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
        return sorted(work.credits.all(), key=lambda c: (ROLE_ORDER[c.role], c.sort_order))

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


def work_queryset():
    return Work.objects.select_related("album", "song").prefetch_related(
        "artists__person", "titles",
        Prefetch("credits", queryset=Credit.objects.select_related("person")),
        Prefetch("links_out", queryset=WorkLink.objects.select_related("target")),
        Prefetch("links_in", queryset=WorkLink.objects.select_related("source")),
    )


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
    qs = Work.objects.filter(kind=Work.Kind.MUSIC_VIDEO).prefetch_related("artists__person")
    return filter_works(qs, artist, director, year).order_by("-release_year", "-release_month",
                                                             "-release_day", "-pk")


@router.get("/videos/{slug}", response={200: WorkDetail, 404: Problem}, summary="One music video")
def get_video(request, slug: str):
    return get_object_or_404(work_queryset(), slug=slug, kind=Work.Kind.MUSIC_VIDEO)


@router.get("/works", response=list[WorkOut], summary="Songs, albums, films and series")
@paginate
def list_works(request, kind: Work.Kind | None = None, artist: str | None = None, year: Year | None = None):
    qs = Work.objects.exclude(kind=Work.Kind.MUSIC_VIDEO).prefetch_related("artists__person")
    if kind:
        qs = qs.filter(kind=kind)
    return filter_works(qs, artist, None, year).order_by("title", "pk")


@router.get("/works/{slug}", response={200: WorkDetail, 404: Problem}, summary="Any work, videos included")
def get_work(request, slug: str):
    return get_object_or_404(work_queryset(), slug=slug)


@router.get("/people", response=list[PersonOut], summary="People, groups and companies")
@paginate
def list_people(request, kind: Person.Kind | None = None, country: str | None = None):
    qs = Person.objects.order_by("name", "pk")
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.upper())
    return qs


@router.get("/people/{slug}", response={200: PersonDetail, 404: Problem}, summary="One person or group")
def get_person(request, slug: str):
    people = Person.objects.prefetch_related(
        "names", Prefetch("credits", queryset=Credit.objects.select_related("work")))
    return get_object_or_404(people, slug=slug)


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


@router.patch("/people/{slug}", auth=token_auth,
              response={200: PersonDetail, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
              summary="Change a person's details")
def update_person(request, slug: str, data: PersonPatch):
    require_perm(request, "catalog.change_person")
    person = get_object_or_404(Person, slug=slug)
    for field, value in data.dict(exclude_unset=True).items():
        if value is not None:
            setattr(person, field, value)
    save_checked(person)
    return person


@router.post("/works/{slug}/credits", auth=token_auth,
             response={201: CreditOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
             summary="Credit a person on a work")
def add_credit(request, slug: str, data: CreditIn):
    require_perm(request, "catalog.change_work")
    work = get_object_or_404(Work, slug=slug)
    person = Person.objects.filter(slug=data.person).first()
    if person is None:
        raise HttpError(422, f"There is no person with the slug {data.person!r}; add them first.")
    credit = Credit(work=work, person=person, role=data.role, credited_as=data.credited_as,
                    character=data.character, source_url=data.source_url)
    save_checked(credit)
    return Status(201, credit)


@router.delete("/credits/{credit_id}", auth=token_auth,
               response={204: None, 401: Problem, 403: Problem, 404: Problem}, summary="Remove a credit")
def delete_credit(request, credit_id: Id):
    require_perm(request, "catalog.change_work")
    get_object_or_404(Credit, pk=credit_id).delete()
    return Status(204, None)


