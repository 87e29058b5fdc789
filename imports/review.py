"""The editor's decisions on proposals: accept (the fact enters the catalog, citing the article
and its sentence), edit then accept, or reject with a reason.

A proposal that contradicts what the catalog already holds (another director, another date,
another album) is a conflict: it is shown with both sources and needs the editor's explicit
"accept anyway".
"""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.dates import PartialDate
from catalog.models import Credit, Person, PersonName, Role, Work, WorkArtist, WorkLink
from catalog.spelling import name_key
from editorial.text import unique_slug
from names import detect_script, same_name

from .linking import CatalogIndex
from .models import Proposal

SINGLE_ROLES = {Role.DIRECTOR}  # a second director is worth a second look


class ReviewError(ValueError):
    """A decision that cannot be carried out; the message says why."""


@dataclass
class Conflict:
    description: str
    source: str


def source_of(credit: Credit) -> str:
    if credit.source_article_id:
        return f"«{credit.source_quote}» — {credit.source_article.title}"
    return credit.source_url or "entered in the catalog"


def conflicts(proposal: Proposal) -> list[Conflict]:
    work = proposal.work
    if work is None:
        return []
    if proposal.kind == Proposal.Kind.CREDIT and proposal.role in SINGLE_ROLES:
        others = (Credit.objects.filter(work=work, role=proposal.role)
                  .select_related("person", "source_article"))
        return [Conflict(f"{work.title}: {c.get_role_display().lower()} is {c.person.name}", source_of(c))
                for c in others if not matches_person(proposal, c.person)]
    if proposal.kind == Proposal.Kind.RELEASE_DATE and work.release and proposal.value:
        if work.release.isoformat() != proposal.value:
            return [Conflict(f"{work.title} was released {work.release.isoformat()}", "the catalog")]
    if proposal.kind == Proposal.Kind.ALBUM and work.album and \
            name_key(work.album.title) != name_key(proposal.name):
        return [Conflict(f"{work.title} is on the album {work.album.title}", "the catalog")]
    if proposal.kind == Proposal.Kind.ALBUM_DATE and work.album and work.album.release and \
            name_key(work.album.title) == name_key(proposal.name) and \
            work.album.release.isoformat() != proposal.value:
        return [Conflict(f"{work.album.title} was released {work.album.release.isoformat()}", "the catalog")]
    return []


def matches_person(proposal: Proposal, person: Person) -> bool:
    if proposal.person_id:
        return proposal.person_id == person.pk
    return same_name(proposal.name, person.name)


def model_slug(model, text: str) -> str:
    return unique_slug(text, lambda slug: model.objects.filter(slug=slug).exists())


def person_for(proposal: Proposal, link_suggestion: bool) -> Person:
    if proposal.person:
        return proposal.person
    if link_suggestion and proposal.suggested_person:
        person = proposal.suggested_person
    else:
        person = Person.objects.filter(name_key=name_key(proposal.name), disambiguation="").first()
        if person is None:
            person = Person(name=proposal.name, slug=model_slug(Person, proposal.name))
            if proposal.role == Role.PRODUCTION_COMPANY:
                person.kind = Person.Kind.COMPANY
            person.save()
    if proposal.as_written and name_key(proposal.as_written) not in {
            name_key(n) for n in person.all_names()}:
        PersonName.objects.get_or_create(person=person, name_key=name_key(proposal.as_written),
                                         defaults={"name": proposal.as_written,
                                                   "script": detect_script(proposal.as_written)})
    return person


def work_for(proposal: Proposal) -> Work:
    if proposal.work:
        return proposal.work
    work = Work.objects.create(kind=Work.Kind.MUSIC_VIDEO, title=proposal.video_title,
                               slug=model_slug(Work, proposal.video_title))
    index = CatalogIndex.current()
    for artist in proposal.video_artists:
        person = index.person(artist).person or Person.objects.create(
            name=artist, slug=model_slug(Person, artist))
        WorkArtist.objects.get_or_create(work=work, person=person)
    # Every pending proposal about this video now points at the new catalog entry.
    Proposal.objects.filter(imported=proposal.imported, video_title=proposal.video_title,
                            work__isnull=True).update(work=work)
    proposal.work = work
    return work


def add_to_article(proposal: Proposal, work: Work | None = None, person: Person | None = None) -> None:
    """The draft article is now about this video and person too (a new revision, not published)."""
    page = proposal.imported.page
    if page is None:
        return
    draft = page.get_latest_revision_as_object()
    if work is not None:
        draft.videos.add(work)
    if person is not None:
        draft.people.add(person)
    draft.save_revision()


@transaction.atomic
def accept(proposal: Proposal, user=None, link_suggestion: bool = False, force: bool = False) -> Proposal:
    if proposal.status != Proposal.Status.PENDING:
        raise ReviewError(_("This proposal has already been decided."))
    found = conflicts(proposal)
    if found and not force:
        raise ReviewError(_("This contradicts the catalog: %(facts)s. Check both sources, then accept "
                            "anyway or reject.") % {"facts": "; ".join(c.description for c in found)})
    work = work_for(proposal)
    page = proposal.imported.page
    if proposal.kind == Proposal.Kind.CREDIT:
        if proposal.role not in Role.values:
            raise ReviewError(_("“%(role)s” is not a role in the catalog.") % {"role": proposal.role})
        person = person_for(proposal, link_suggestion)
        credit, created = Credit.objects.get_or_create(work=work, person=person, role=proposal.role)
        if created or not (credit.source_article_id or credit.source_url):
            # A credit already cited keeps its first source; this article only confirms it.
            credit.credited_as = proposal.as_written if proposal.as_written != person.name else ""
            credit.source_article = page
            credit.source_quote = proposal.evidence
            credit.save()
        proposal.person = person
        add_to_article(proposal, work, person)
    elif proposal.kind == Proposal.Kind.RELEASE_DATE:
        work.release = PartialDate.parse(proposal.value)
        work.save()
        add_to_article(proposal, work)
    elif proposal.kind in (Proposal.Kind.ALBUM, Proposal.Kind.ALBUM_DATE):
        album = work.album if work.album and name_key(work.album.title) == name_key(proposal.name) else None
        if album is None:
            album = Work.objects.filter(kind=Work.Kind.ALBUM, title__iexact=proposal.name).first()
            if album is None:
                album = Work.objects.create(kind=Work.Kind.ALBUM, title=proposal.name,
                                            slug=model_slug(Work, proposal.name))
            for wa in work.artists.all():
                WorkArtist.objects.get_or_create(work=album, person=wa.person)
            work.album = album
            work.save(update_fields=["album"])
        if proposal.kind == Proposal.Kind.ALBUM_DATE:
            album.release = PartialDate.parse(proposal.value)
            album.save()
    elif proposal.kind == Proposal.Kind.REFERENCE:
        target = Work.objects.filter(title__iexact=proposal.name).exclude(pk=work.pk).first()
        if target is None:
            kind = Work.Kind.FILM if proposal.role == "quotes_film" else Work.Kind.MUSIC_VIDEO
            target = Work.objects.create(kind=kind, title=proposal.name,
                                         slug=model_slug(Work, proposal.name))
        kind = proposal.role if proposal.role in WorkLink.Kind.values else WorkLink.Kind.REFERENCES
        WorkLink.objects.get_or_create(source=work, target=target, kind=kind,
                                       defaults={"note": proposal.evidence[:300]})
    proposal.status, proposal.decided_by, proposal.decided_at = Proposal.Status.ACCEPTED, user, timezone.now()
    proposal.save()
    return proposal


def reject(proposal: Proposal, user=None, reason: str = "") -> Proposal:
    if proposal.status != Proposal.Status.PENDING:
        raise ReviewError(_("This proposal has already been decided."))
    proposal.status, proposal.reason = Proposal.Status.REJECTED, reason[:300]
    proposal.decided_by, proposal.decided_at = user, timezone.now()
    proposal.save()
    return proposal


def edit(proposal: Proposal, name: str | None = None, role: str | None = None,
         value: str | None = None) -> Proposal:
    """Correct a proposal before accepting it; the evidence stays as found."""
    if proposal.status != Proposal.Status.PENDING:
        raise ReviewError(_("This proposal has already been decided."))
    if role is not None and proposal.kind == Proposal.Kind.CREDIT:
        if role not in Role.values:
            raise ReviewError(_("“%(role)s” is not a role in the catalog: pick one from the list.")
                              % {"role": role})
        proposal.role = role
    if name is not None and name.strip() and name.strip() != proposal.name:
        twin = Proposal.objects.filter(imported=proposal.imported, kind=proposal.kind,
                                       video_title=proposal.video_title, role=proposal.role,
                                       name=name.strip()[:300], value=proposal.value)
        if twin.exclude(pk=proposal.pk).exists():
            raise ReviewError(_("The same fact is already proposed for this article: "
                                "decide that one instead."))
        proposal.name = name.strip()[:300]
        proposal.person = None
        proposal.suggested_person = None
    if value is not None and value.strip():
        try:
            PartialDate.parse(value)
        except ValueError as exc:
            raise ReviewError(str(exc)) from exc
        proposal.value = value.strip()
    proposal.save()
    return proposal
