"""An editor's decisions on a submission: a draft article, a release event, or a rejection with
its reason.

Nothing here publishes: the article is a draft (its first revision saved, never live) and the
event is only "announced". The reader's text stays on the submission, unchanged, as the source.
A submission can give both an article and an event (a premiere is news and a calendar date);
each only once.
"""
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.dates import PartialDate
from catalog.models import Person, Work
from editorial.models import ArticlePage, ArticleSource, SectionPage
from editorial.text import cut_at_word, html_to_text
from imports.importing import default_section, unique_page_slug
from releases.models import ReleaseEvent

from .models import Proposal, Submission
from .richtext import article_html


class ModerationError(ValueError):
    """A decision that cannot be carried out; the message says why."""


def locked(submission: Submission) -> Submission:
    """The row, re-read under a lock, so two editors deciding at once cannot both win."""
    return Submission.objects.select_for_update().get(pk=submission.pk)


def chosen(submission: Submission, proposal_ids) -> tuple[list[Work], list[Person], list[Person]]:
    """The works, all people, and the artists among them, from the proposals the editor ticked.
    A cross-script suggestion (Ли Сон Джин → Lee Sung Jin) counts once an editor ticks it."""
    works, people, artists = [], [], []
    for proposal in submission.proposals.filter(pk__in=list(proposal_ids or [])).select_related(
            "work", "person", "suggested_person"):
        person = proposal.person or proposal.suggested_person
        if proposal.work and proposal.work not in works:
            works.append(proposal.work)
        if person and person not in people:
            people.append(person)
        if person and proposal.kind == Proposal.Kind.ARTIST and person not in artists:
            artists.append(person)
    return works, people, artists


def suggested_title(submission: Submission) -> str:
    """The first line when it reads like a headline, else the opening words."""
    first = submission.text.strip().splitlines()[0].strip() if submission.text.strip() else ""
    if 0 < len(first) <= 120 and not first.endswith((".", ":", ";", ",")):
        return first
    return cut_at_word(html_to_text(article_html(submission.text)), 90)


def source_title(url: str) -> str:
    return urlsplit(url).hostname or url[:200]


def mark_accepted(submission: Submission, user) -> None:
    submission.status = Submission.Status.ACCEPTED
    submission.decided_by, submission.decided_at = user, timezone.now()


@transaction.atomic
def accept_as_article(submission: Submission, user, title: str, section: SectionPage | None = None,
                      language: str | None = None, proposal_ids=()) -> ArticlePage:
    submission = locked(submission)
    if submission.status == Submission.Status.REJECTED:
        raise ModerationError(_("This submission was rejected: it cannot become an article."))
    if submission.article_id:
        raise ModerationError(_("This submission is already a draft article."))
    section = section or default_section()
    if section is None:
        raise ModerationError(_("There is no section to put the article in: create one first."))
    if not section.permissions_for_user(user).can_add_subpage():
        raise ModerationError(_("You may not add articles to “%(section)s”: ask an administrator for page "
                                "permissions there, or choose another section.") % {"section": section.title})
    works, people, _artists = chosen(submission, proposal_ids)
    body = article_html(submission.text)
    title = title.strip()[:250] or suggested_title(submission)
    page = ArticlePage(
        title=title, slug=unique_page_slug(section, title), language=language or submission.language or "en",
        teaser=cut_at_word(html_to_text(body), 300) or title, body=body, date=timezone.localdate(),
        live=False)
    page.videos = works
    page.people = people
    page.sources = [ArticleSource(title=source_title(url), url=url) for url in submission.links]
    section.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    submission.article = page
    mark_accepted(submission, user)
    submission.save()
    return page


@transaction.atomic
def accept_as_event(submission: Submission, user, title: str, kind: str, when: PartialDate,
                    proposal_ids=()) -> ReleaseEvent:
    submission = locked(submission)
    if submission.status == Submission.Status.REJECTED:
        raise ModerationError(_("This submission was rejected: it cannot become an event."))
    if submission.release_event_id:
        raise ModerationError(_("This submission is already in the release calendar."))
    if not user.has_perm("releases.add_releaseevent"):
        raise ModerationError(_("You may not add release events: ask an administrator for the "
                                "“Can add release event” permission."))
    if when is None or when.year is None:
        raise ModerationError(_("A release event needs a date with at least the year."))
    works, _people, artists = chosen(submission, proposal_ids)
    work = works[0] if works else None
    if not artists and work is not None:
        artists = [credit.person for credit in work.artists.select_related("person")]
    note = "\n\n".join(filter(None, [
        _("Place: %(place)s") % {"place": submission.place} if submission.place else "",
        _("From a reader, as sent:") + "\n" + submission.text]))
    event = ReleaseEvent.objects.create(
        title=title.strip()[:300] or suggested_title(submission), kind=kind, work=work,
        year=when.year, month=when.month, day=when.day, status=ReleaseEvent.Status.ANNOUNCED,
        origin=ReleaseEvent.Origin.SUBMISSION, source_url=(submission.links or [""])[0], note=note)
    event.artists.set(artists)
    submission.release_event = event
    mark_accepted(submission, user)
    submission.save()
    return event


@transaction.atomic
def reject(submission: Submission, user, reason: str) -> Submission:
    submission = locked(submission)
    if submission.status != Submission.Status.NEW:
        raise ModerationError(_("This submission has already been decided."))
    if not reason.strip():
        raise ModerationError(_("Say why it is rejected: the reason is kept with the submission."))
    submission.status, submission.reason = Submission.Status.REJECTED, reason.strip()[:500]
    submission.decided_by, submission.decided_at = user, timezone.now()
    submission.save()
    return submission
