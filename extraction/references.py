"""References to earlier videos or films: a reference word followed closely by a title."""
import re

from .document import Document
from .lexicon import REFERENCE_REGEX
from .videos import artist_for

MAX_GAP = 70


def find_references(doc: Document) -> Document:
    if not doc.videos:
        return doc
    main = {v.title for v in doc.videos}
    found: dict[str, dict] = {}
    for kind, pattern in REFERENCE_REGEX[doc.language]:
        for match in pattern.finditer(doc.text):
            sentence = doc.sentence_of(match.start())
            for title in doc.titles:
                if title.text in main or title.text in found:
                    continue
                if not (match.end() <= title.start <= match.end() + MAX_GAP and title.end <= sentence.end):
                    continue
                if re.search(r"[.;!?]\s", doc.text[match.end():title.start]):
                    continue
                artists = artist_for(doc, title)
                found[title.text] = {
                    "title": title.text,
                    "artist": (artists[0].latin or artists[0].normal) if artists else None,
                    "kind": kind,
                    "evidence": {"start": sentence.start, "end": sentence.end},
                }
    doc.videos[0].references = list(found.values())
    return doc
