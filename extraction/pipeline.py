"""The extraction pipeline and its JSON output (the `deepcuts.extract/1` contract)."""
import re
from collections.abc import Iterable
from datetime import date

from .credits import find_credits
from .dates import find_dates
from .document import Document
from .errors import ExtractionInputError
from .language import detect_language
from .look import find_look
from .people import find_people
from .reading import read
from .references import find_references
from .sentences import split_sentences
from .titles import find_titles
from .videos import find_videos

SCHEMA = "deepcuts.extract/1"
WORD = re.compile(r"[^\W_][\w'’.&-]*[^\W_]|[^\W_]")


class Gazetteer:
    """Names the catalog already knows, so the extractor can recognise one-word stage names and
    give every known person their catalog spelling. Built by the caller (the importer passes the
    catalog; the CLI can pass a JSON file); the library never reads a database itself."""

    def __init__(self, people: Iterable[tuple[str, Iterable[str]]] = ()):
        from names import name_keys

        self._by_key: dict[str, str] = {}
        self._forms: dict[tuple[str, ...], str] = {}
        self._longest = 1
        for canonical, aliases in people:
            for alias in [canonical, *aliases]:
                words = tuple(WORD.findall(alias or ""))
                if not words:
                    continue
                self._forms.setdefault(words, canonical)
                self._longest = max(self._longest, len(words))
                for key in name_keys(alias):
                    self._by_key.setdefault(key, canonical)

    def lookup(self, name: str | None) -> str | None:
        if not name:
            return None
        from names import name_keys

        for key in name_keys(name):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every known spelling in `text` as (start, end, canonical name), longest match first.

        One pass over the words with dictionary look-ups, so a catalog of tens of thousands of
        names costs no more per article than a small one.
        """
        words = []
        for match in WORD.finditer(text):
            start, end = match.span()
            if text[end - 2:end] in ("'s", "’s"):
                end -= 2  # "Joji's video": the name is Joji
            words.append((start, end))
        found, i = [], 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                run = words[i:i + n]
                if any(text[a[1]:b[0]].strip() for a, b in zip(run, run[1:], strict=False)):
                    continue  # the words must be separated by spaces only
                canonical = self._forms.get(tuple(text[a:b] for a, b in run))
                if canonical is not None:
                    found.append((run[0][0], run[-1][1], canonical))
                    i += n - 1
                    break
            i += 1
        return found


STEPS = [split_sentences, find_titles, find_people, find_dates, find_videos, find_credits,
         find_references, find_look]


def extract_document(data: bytes | str, language: str | None = None, article_date: date | None = None,
                     gazetteer: Gazetteer | None = None) -> tuple[Document, dict]:
    source = read(data)
    language = language if language in ("ru", "en") else detect_language(source.text)
    if language not in ("ru", "en"):
        raise ExtractionInputError(f"Language '{language}' is not supported: use ru or en.")
    reference = article_date
    if reference is None and source.published:
        reference = date.fromisoformat(source.published)
    doc = Document(text=source.text, language=language, reference_date=reference, title=source.title)
    doc.meta = {"published": source.published, "section": source.section,
                "photo_credit": source.photo_credit, "tags": source.tags}
    for step in STEPS:
        doc = step(doc, gazetteer) if step is find_people else step(doc)
    assign_credits_to_videos(doc)
    return doc, assemble(doc)


def extract(data: bytes | str, language: str | None = None, article_date: date | None = None,
            gazetteer: Gazetteer | None = None) -> dict:
    """Text (or HTML, or Markdown) in, the contract's JSON object out."""
    return extract_document(data, language, article_date, gazetteer)[1]


def assign_credits_to_videos(doc: Document) -> None:
    if not doc.videos:
        return
    for credit in doc.credits:
        video = doc.videos[0]
        if len(doc.videos) > 1:
            before = [(m.start, v) for v in doc.videos for m in v.mentions if m.start <= credit.person.start]
            if before:
                video = max(before, key=lambda pair: pair[0])[1]
        if all(c.role != credit.role or c.person.normal != credit.person.normal for c in video.credits):
            credit.video = video
            video.credits.append(credit)


def offsets(span) -> dict | None:
    return {"start": span.start, "end": span.end} if span is not None else None


def person_name(span) -> str:
    return span.latin or span.normal or span.text


def assemble(doc: Document) -> dict:
    published = doc.meta.get("published") or (doc.reference_date.isoformat() if doc.reference_date else None)
    return {
        "schema": SCHEMA,
        "language": doc.language,
        "article": {
            "title": doc.title,
            "published": published,
            "section": doc.meta.get("section"),
            "photo_credit": doc.meta.get("photo_credit"),
            "tags": doc.meta.get("tags") or [],
        },
        "videos": [
            {
                "title": video.title,
                "artists": [{"name": person_name(a), "as_written": a.text} for a in video.artists],
                "release_date": video.release_date,
                "release_date_evidence": offsets(video.release_evidence),
                "album": ({"title": video.album.title, "release_date": video.album.release_date,
                           "release_date_evidence": offsets(video.album.release_evidence),
                           "evidence": offsets(video.album.mentions[0]) if video.album.mentions else None}
                          if video.album else None),
                "credits": [
                    {"role": c.role, "name": person_name(c.person), "as_written": c.person.text,
                     "evidence": {"start": c.evidence.start, "end": c.evidence.end}}
                    for c in video.credits
                ],
                "references": video.references,
                "colors": video.colors,
                "themes": video.themes,
                "settings": video.settings,
            }
            for video in doc.videos
        ],
    }
