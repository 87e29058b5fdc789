"""Sentences, from razdel (it handles initials, abbreviations and quotes in both languages).

Lines are hard boundaries too: crew lists ("Director: …" one per line) have no full stops.
"""
import re

from razdel import sentenize

from .document import Document, Span


def split_sentences(doc: Document) -> Document:
    for block in re.finditer(r"[^\n]+", doc.text):
        for sentence in sentenize(block.group()):
            start = block.start() + sentence.start
            doc.sentences.append(Span(start, start + len(sentence.text), sentence.text, "sentence"))
    return doc
