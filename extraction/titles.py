"""Titles of works: whatever stands in quotation marks, in any of the quote styles articles use."""
import re

from .document import Document, Span

QUOTED = re.compile(
    r"«([^«»\n]{1,120})»|“([^“”\n]{1,120})”|„([^„“”\n]{1,120})[“”]|\"([^\"\n]{1,120})\"|"
    r"(?<![\w’'])['‘]([^'‘’\n]{1,80})['’](?![\w’'])")


def find_titles(doc: Document) -> Document:
    for match in QUOTED.finditer(doc.text):
        group = next(i for i in range(1, 6) if match.group(i) is not None)
        inner = match.group(group).strip()
        if not inner or len(inner.split()) > 12 or inner.endswith((".", ",")) and len(inner.split()) > 6:
            continue  # a quoted sentence, not a title
        start = match.start(group) + (len(match.group(group)) - len(match.group(group).lstrip()))
        doc.titles.append(Span(start, start + len(inner), inner, "title"))
    return doc
