"""Titles of works: whatever stands in quotation marks, in any of the quote styles articles use."""
import re

from .document import Document, Span

QUOTED = re.compile(
    r"«([^«»\n]{1,120})»|“([^“”\n]{1,120})”|„([^„“”\n]{1,120})[“”]|\"([^\"\n]{1,120})\"|"
    r"(?<![\w’'])['‘]([^'‘’\n]{1,80})['’](?![\w’'])")


TITLE_WORD = r"(?:[A-Z0-9][\w'’.&!?-]*)"
JOINER = r"(?:of|the|and|a|an|in|on|to|for|at|by|with|from|where|we|do|go|all|or|no|me|my|you|your|it)"
UNQUOTED_TITLE = rf"({TITLE_WORD}(?:,? (?:{JOINER} )*{TITLE_WORD})*)"
UNQUOTED_ALBUM = {
    "en": re.compile(
        rf"\b(?:album|LP|EP|mixtape|repackage|record)s?,? (?:titled |called |named )?{UNQUOTED_TITLE}|"
        rf"\b(?:single|song|track|cut) (?:off|from|on) (?:(?:her|his|their|the|its) )?(?:\w+ )?(?:album )?"
        rf"{UNQUOTED_TITLE}|\b(?:appeared on|comes from|taken from|together with) {UNQUOTED_TITLE}(?= \(| \d|,)"),
    "ru": re.compile(rf"(?:альбом\w*|пластинк\w*|мини-альбом\w*) {UNQUOTED_TITLE}"),
}


def unquoted_albums(doc: Document) -> list[Span]:
    """Album names are often printed in italics, which plain text loses: "her album Low Orbit",
    "the third single from Halfway Between the Gutter and the Stars"."""
    found = []
    for match in UNQUOTED_ALBUM[doc.language].finditer(doc.text):
        start = next(match.start(g) for g in range(1, 4) if match.group(g) is not None) \
            if match.lastindex else None
        if start is None:
            continue
        text = next(match.group(g) for g in range(1, 4) if match.group(g) is not None)
        text = re.sub(r"[,.!]+$", "", text) if not text.endswith("?") else text
        if text.split()[0] in ("The", "This", "That", "It", "Her", "His", "Their") and len(text.split()) == 1:
            continue
        if len(text) >= 2:
            found.append(Span(start, start + len(text), text, "album"))
    return found


def find_titles(doc: Document) -> Document:
    for match in QUOTED.finditer(doc.text):
        group = next(i for i in range(1, 6) if match.group(i) is not None)
        inner = match.group(group).strip()
        if not inner or len(inner.split()) > 12 or inner.endswith((".", ",")) and len(inner.split()) > 6:
            continue  # a quoted sentence, not a title
        start = match.start(group) + (len(match.group(group)) - len(match.group(group).lstrip()))
        doc.titles.append(Span(start, start + len(inner), inner, "title"))
    quoted = list(doc.titles)
    doc.titles += [a for a in unquoted_albums(doc) if not any(a.overlaps(q) for q in quoted)]
    doc.titles.sort(key=lambda t: t.start)
    return doc
