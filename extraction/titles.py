"""Titles of works: whatever stands in quotation marks, in any of the quote styles articles use."""
import re

from .document import Document, Span

QUOTED = re.compile(
    r"«([^«»\n]{1,120})»|“([^“”\n]{1,120})”|„([^„“”\n]{1,120})[“”]|\"([^\"\n]{1,120})\"|"
    r"(?<![\w’'])['‘]([^'‘’\n]{1,80})['’](?![\w’'])")


TITLE_WORD = r"(?:[A-Z0-9][\w'’.&!?-]*)"
JOINER = r"(?:of|the|and|a|an|in|on|to|for|at|by|with|from|where|we|do|go|all|or|no|me|my|you|your|it)"
UNQUOTED_TITLE = rf"({TITLE_WORD}(?:,? (?:{JOINER} )*{TITLE_WORD})*)"
UNQUOTED_FILM = {
    "en": re.compile(rf"\b(?:film|movie|documentary|series|show)s?,? (?:titled |called )?{UNQUOTED_TITLE}|"
                     rf"\bborrows from {UNQUOTED_TITLE}|\bfootage from {UNQUOTED_TITLE}"),
    "ru": re.compile(rf"(?:фильм\w*|сериал\w*|документальн\w+ фильм\w*) {UNQUOTED_TITLE}"),
}
UNQUOTED_ALBUM = {
    "en": re.compile(
        rf"\b(?:album|LP|EP|mixtape|repackage|record)s?,? (?:titled |called |named )?{UNQUOTED_TITLE}|"
        rf"\b(?:single|song|track|cut) (?:off|from|on) (?:(?:her|his|their|the|its) )?(?:\w+ )?(?:album )?"
        rf"{UNQUOTED_TITLE}|\b(?:appeared on|comes from|taken from|together with) {UNQUOTED_TITLE}(?= \(| \d|,)"),
    "ru": re.compile(rf"(?:альбом\w*|пластинк\w*|мини-альбом\w*) {UNQUOTED_TITLE}"),
}


def unquoted_titles(doc: Document, patterns: dict, label: str) -> list[Span]:
    """Album and film names are often printed in italics, which plain text loses: "her album Low
    Orbit", "the third single from Halfway Between the Gutter and the Stars", "the film Paris, Texas"."""
    found = []
    for match in patterns[doc.language].finditer(doc.text):
        start = next(match.start(g) for g in range(1, 4) if match.group(g) is not None) \
            if match.lastindex else None
        if start is None:
            continue
        text = next(match.group(g) for g in range(1, 4) if match.group(g) is not None)
        text = re.sub(r"[,.!]+$", "", text) if not text.endswith("?") else text
        if text.split()[0] in ("The", "This", "That", "It", "Her", "His", "Their") and len(text.split()) == 1:
            continue
        if len(text) >= 2:
            found.append(Span(start, start + len(text), text, label))
    return found


BAND_VERB = re.compile(r"\s+[а-яё]+(?:ли|ют|ут)\b")


def is_quoted_speech(inner: str) -> bool:
    """A quoted sentence, not a title: long, or mostly lower-case words in an English text."""
    words = inner.split()
    if len(words) > 12 or inner.endswith((".", ",")) and len(words) > 6:
        return True
    lower = sum(1 for w in words[1:] if w[:1].islower())
    return len(words) > 5 and lower / (len(words) - 1) > 0.6 and bool(re.search(r"[A-Za-z]", inner))


def find_titles(doc: Document) -> Document:
    for match in QUOTED.finditer(doc.text):
        group = next(i for i in range(1, 6) if match.group(i) is not None)
        inner = match.group(group).strip()
        if not inner or is_quoted_speech(inner):
            continue
        at_start = not doc.text[:match.start()].strip() or doc.text[match.start() - 1] == "\n" or \
            re.search(r"[.!?]\s+$", doc.text[max(0, match.start() - 3):match.start()])
        if doc.language == "ru" and at_start and BAND_VERB.match(doc.text[match.end():match.end() + 20]):
            doc.meta.setdefault("bands", []).append(Span(match.start(group), match.end(group), inner, "band"))
            continue  # «Ледокол» снимают клип: a band's name, not a title
        start = match.start(group) + (len(match.group(group)) - len(match.group(group).lstrip()))
        doc.titles.append(Span(start, start + len(inner), inner, "title"))
    for unquoted in unquoted_titles(doc, UNQUOTED_ALBUM, "album") + unquoted_titles(doc, UNQUOTED_FILM, "film"):
        if not any(unquoted.overlaps(t) for t in doc.titles):
            doc.titles.append(unquoted)
    doc.titles.sort(key=lambda t: t.start)
    return doc
