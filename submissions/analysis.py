"""What a submission is about: the extractor reads the text, the catalog index links what it finds.

The same two pieces the article import uses (`extraction` and `imports.linking.CatalogIndex`),
so a tip and an imported article get the same names matched the same way. The proposals are
stored when the submission arrives (a background task), so the moderation screen only reads them.
"""
from django.db import transaction
from django.utils import timezone

from catalog.models import Work
from catalog.spelling import name_key
from extraction import ExtractionInputError, extract_document
from extraction.pipeline import person_name
from imports.linking import CatalogIndex

from .models import Proposal, Submission

ANY_WORK = tuple(Work.Kind.values)


class Proposals:
    """Collects proposals once each: a person found as a credit is not proposed again as a
    mere mention, and the same date found twice is one proposal."""

    def __init__(self, submission: Submission):
        self.submission = submission
        self.items: list[Proposal] = []
        self.seen: set[tuple[str, str]] = set()

    def add(self, kind: str, key: str, **fields) -> None:
        if (kind, key) in self.seen:
            return
        self.seen.add((kind, key))
        for limit, field in ((300, "name"), (10, "value"), (24, "role")):
            if field in fields:
                fields[field] = fields[field][:limit]
        self.items.append(Proposal(submission=self.submission, kind=kind, **fields))

    def named(self, name: str) -> bool:
        return any((kind, name_key(name)) in self.seen
                   for kind in (Proposal.Kind.ARTIST, Proposal.Kind.CREDIT, Proposal.Kind.PERSON))


def sentence(doc, needle: str) -> str:
    at = doc.text.find(needle) if needle else -1
    return doc.sentence_of(at).text.strip() if at >= 0 else ""


def propose(submission: Submission, index: CatalogIndex) -> tuple[str, list[Proposal]]:
    """The text's language and its proposals (unsaved)."""
    doc, result = extract_document(submission.text, None, submission.created_at.date(), index.gazetteer)
    found = Proposals(submission)
    for video in result["videos"]:
        artists = [a["name"] for a in video["artists"]]
        work = index.work(video["title"], artists)
        found.add(Proposal.Kind.WORK, name_key(video["title"]), name=video["title"], work=work,
                  evidence=sentence(doc, video["title"]))
        for artist in video["artists"]:
            match = index.person(artist["name"], work)
            found.add(Proposal.Kind.ARTIST, name_key(artist["name"]), name=artist["name"],
                      person=match.person, suggested_person=match.suggestion,
                      evidence=sentence(doc, artist["as_written"]))
        if work is not None:
            # The catalog knows whose video it is even when the tip does not say.
            for credit in work.artists.all():
                person = index.people.get(credit.person_id)
                if person is not None:
                    found.add(Proposal.Kind.ARTIST, name_key(person.name), name=person.name, person=person)
        for credit in video["credits"]:
            match = index.person(credit["name"], work, credit["role"])
            found.add(Proposal.Kind.CREDIT, f"{credit['role']}:{name_key(credit['name'])}",
                      name=credit["name"], role=credit["role"], person=match.person,
                      suggested_person=match.suggestion,
                      evidence=doc.text[credit["evidence"]["start"]:credit["evidence"]["end"]].strip())
            found.seen.add((Proposal.Kind.CREDIT, name_key(credit["name"])))
    for title in doc.titles:
        work = index.work(title.text, [], kinds=ANY_WORK)
        if work is not None:
            found.add(Proposal.Kind.WORK, name_key(title.text), name=title.text, work=work,
                      evidence=doc.sentence_of(title.start).text.strip())
    for span in doc.people:
        name = person_name(span)
        if not found.named(name):
            match = index.person(name)
            found.add(Proposal.Kind.PERSON, name_key(name), name=name, person=match.person,
                      suggested_person=match.suggestion, evidence=doc.sentence_of(span.start).text.strip())
    for span in doc.dates:
        found.add(Proposal.Kind.DATE, span.normal, value=span.normal,
                  evidence=doc.sentence_of(span.start).text.strip())
    return doc.language, found.items


def analyse(submission_id: int, index: CatalogIndex | None = None) -> Submission | None:
    """Work out (again) what a submission proposes; earlier proposals are replaced."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None:
            return None
        try:
            language, proposals = propose(submission, index or CatalogIndex.current())
        except ExtractionInputError as exc:
            submission.analysis_error, proposals = str(exc), []
        else:
            submission.language, submission.analysis_error = language, ""
        submission.proposals.all().delete()
        Proposal.objects.bulk_create(proposals)
        submission.analysed_at = timezone.now()
        submission.save(update_fields=["language", "analysis_error", "analysed_at"])
        return submission
