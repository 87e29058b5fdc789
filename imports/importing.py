"""From an article's text to a draft article with proposed facts.

`queue_import` stores the text (once: the same text again changes nothing) and queues the
background task; `process` runs the extractor and writes the draft page and the proposals in one
transaction, so a worker killed halfway leaves nothing behind and the retry starts clean.
"""
import re
from datetime import date
from html import unescape

from django.db import transaction
from django.utils import timezone

from editorial.models import ArticlePage, SectionPage
from editorial.text import cut_at_word, unique_slug
from extraction import ExtractionInputError, extract_document
from extraction.reading import decode

from .linking import CatalogIndex
from .models import ImportedArticle, Proposal, text_hash

DEFAULT_SECTION = "news"


def default_section() -> SectionPage | None:
    return SectionPage.objects.filter(slug=DEFAULT_SECTION).first() or SectionPage.objects.first()


def queue_import(source_name: str, data: bytes | str, article_date: date | None = None,
                 section: SectionPage | None = None, user=None,
                 batch: str = "") -> tuple[ImportedArticle, bool]:
    """Store an article for import and queue its processing. Returns (import, created)."""
    from .tasks import process_import

    try:
        raw = decode(data)  # the reader's rules: UTF-8 or Windows-1251, never binary or empty
    except ExtractionInputError as exc:
        raise ExtractionInputError(f"{source_name}: {exc}") from exc
    existing = ImportedArticle.objects.filter(content_hash=text_hash(raw)).first()
    if existing is not None:
        return existing, False
    imported = ImportedArticle.objects.create(
        source_name=source_name[:300], raw=raw, article_date=article_date,
        section=section or default_section(), created_by=user, batch=batch)
    transaction.on_commit(lambda: process_import.enqueue(imported.pk))
    return imported, True


def unique_page_slug(section: SectionPage, title: str) -> str:
    return unique_slug(title, lambda slug: section.get_children().filter(slug=slug).exists(), "article")


def body_html(text: str, skip_first_line: bool) -> str:
    """Paragraphs as HTML; the headline line, when it opens the text, is the page title instead."""
    from html import escape

    if skip_first_line:
        text = text.strip().split("\n", 1)[1] if "\n" in text.strip() else ""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "".join(f"<p>{escape(' '.join(b.split()), quote=False)}</p>" for b in blocks)


def draft_page(imported: ImportedArticle, doc) -> ArticlePage:
    section = imported.section or default_section()
    title = (doc.title or imported.source_name).strip()[:250]
    body_text = doc.text
    first = body_text.strip().split("\n", 1)[0].strip()
    skip_first = bool(doc.title) and first == doc.title.strip()
    body = body_html(body_text, skip_first) or body_html(body_text, False)
    first_paragraph = re.search(r"<p>(.*?)</p>", body)
    teaser = unescape(first_paragraph.group(1)) if first_paragraph else title
    page = ArticlePage(
        title=title, slug=unique_page_slug(section, title), language=doc.language,
        teaser=cut_at_word(teaser, 300), body=body,
        date=imported.article_date or doc.reference_date or timezone.localdate(),
        photo_credit=(doc.meta.get("photo_credit") or "")[:200], live=False,
    )
    section.add_child(instance=page)
    page.save_revision(user=imported.created_by)
    return page


def evidence(span: dict | None) -> dict:
    return {"evidence_start": span["start"], "evidence_end": span["end"]} if span else {}


def sentence_around(text: str, span: dict | None) -> dict | None:
    """The sentence holding a mention (an album title), for its evidence."""
    if not span:
        return None
    start = max(text.rfind(". ", 0, span["start"]) + 2, text.rfind("\n", 0, span["start"]) + 1, 0)
    ends = [i for i in (text.find(". ", span["end"]), text.find("\n", span["end"])) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return {"start": start, "end": end}


def proposals_from(imported: ImportedArticle, result: dict, index: CatalogIndex) -> list[Proposal]:
    out = []
    for video in result["videos"]:
        artists = [a["name"] for a in video["artists"]]
        work = index.work(video["title"], artists)
        common = {"imported": imported, "video_title": video["title"][:300], "video_artists": artists,
                  "work": work}
        for credit in video["credits"]:
            match = index.person(credit["name"], work, credit["role"])
            out.append(Proposal(kind=Proposal.Kind.CREDIT, role=credit["role"], name=credit["name"][:300],
                                as_written=credit["as_written"][:300], person=match.person,
                                suggested_person=match.suggestion,
                                evidence_start=credit["evidence"]["start"],
                                evidence_end=credit["evidence"]["end"], **common))
        if video["release_date"]:
            out.append(Proposal(kind=Proposal.Kind.RELEASE_DATE, value=video["release_date"],
                                **evidence(video.get("release_date_evidence")), **common))
        album = video.get("album")
        if album and album.get("title"):
            out.append(Proposal(kind=Proposal.Kind.ALBUM, name=album["title"][:300],
                                **evidence(sentence_around(imported.text, album.get("evidence"))), **common))
            if album.get("release_date"):
                out.append(Proposal(kind=Proposal.Kind.ALBUM_DATE, name=album["title"][:300],
                                    value=album["release_date"],
                                    **evidence(album.get("release_date_evidence")), **common))
        for ref in video["references"]:
            out.append(Proposal(kind=Proposal.Kind.REFERENCE, name=ref["title"][:300],
                                role=ref.get("kind", "references"), as_written=ref.get("artist") or "",
                                evidence_start=ref["evidence"]["start"], evidence_end=ref["evidence"]["end"],
                                **common))
    return out


def process(imported_id: int, index: CatalogIndex | None = None) -> ImportedArticle | None:
    """Extract, draft the article, propose the facts. Safe to run again: a finished import is
    left alone, and a half-finished one was rolled back with its transaction."""
    with transaction.atomic():
        imported = ImportedArticle.objects.select_for_update().filter(pk=imported_id).first()
        if imported is None or imported.status == ImportedArticle.Status.DONE:
            return imported
        index = index or CatalogIndex.current()
        try:
            doc, result = extract_document(imported.raw, None, imported.article_date, index.gazetteer)
        except ExtractionInputError as exc:
            imported.status, imported.error = ImportedArticle.Status.FAILED, str(exc)
            imported.save(update_fields=["status", "error"])
            return imported
        imported.text, imported.language, imported.extraction = doc.text, doc.language, result
        if imported.article_date is None and doc.reference_date:
            imported.article_date = doc.reference_date
        imported.page = draft_page(imported, doc)
        Proposal.objects.bulk_create(proposals_from(imported, result, index), ignore_conflicts=True)
        imported.status, imported.error = ImportedArticle.Status.DONE, ""
        imported.save()
        return imported
