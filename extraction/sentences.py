"""Sentences, from razdel (it handles initials, abbreviations and quotes in both languages).

Lines are hard boundaries too: crew lists ("Director: …" one per line) have no full stops.
"""
import re

from razdel import sentenize

from .document import Document, Span

# razdel ends a sentence at "Dir." as at any full stop; crew shorthand must stay with its name.
SHORTHAND = re.compile(r"(?:^|\s)(?:dir|prod|dop|реж|опер|худ|прод)\.$", re.IGNORECASE)


def split_sentences(doc: Document) -> Document:
    for block in re.finditer(r"[^\n]+", doc.text):
        pending = None
        for sentence in sentenize(block.group()):
            start = block.start() + sentence.start
            if pending is not None:
                start = pending
            end = block.start() + sentence.stop
            if SHORTHAND.search(doc.text[start:end]):
                pending = start
                continue
            pending = None
            doc.sentences.append(Span(start, end, doc.text[start:end], "sentence"))
        if pending is not None:
            end = block.end()
            doc.sentences.append(Span(pending, end, doc.text[pending:end], "sentence"))
    return doc
