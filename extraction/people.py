"""People (and companies) named in the text, in the nominative case.

Russian: natasha's NER finds the names and its morphology puts them in the nominative
("Айсултаном Сеитовым" → "Айсултан Сеитов"). English and Latin-script names inside Russian text:
rules over capitalised words, plus the catalog as a gazetteer for one-word names (RM, Joji) that
no rule can tell from an ordinary capitalised word. A Latin spelling given in brackets after a
Cyrillic name ("Ли Сон Джин (Lee Sung Jin)") becomes that person's Latin name.
"""
import re
from functools import lru_cache

from .document import Document, Span
from .lexicon import NOT_NAME_WORDS

LATIN_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)*|[A-Z]['’][A-Z][a-z]+|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+)"
PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|la|le|du|bin|al|el|dos|das)"
LATIN_NAME = re.compile(
    rf"(?<![\w&])(?:{LATIN_WORD})(?:\s+(?:{PARTICLE}\s+)?(?:{LATIN_WORD}|[A-Z]\.)){{1,3}}(?![\w])")
BRACKETED_LATIN = re.compile(r"^\s*\(\s*([A-Z][^()\n]{2,60})\s*\)")


@lru_cache(maxsize=1)
def natasha_models():
    """Loaded once per process, on first use (about a second), never at import time."""
    import warnings

    with warnings.catch_warnings():  # natasha's pymorphy2 imports the deprecated pkg_resources
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        return Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


def keep_yo(original: str, normal: str) -> str:
    """natasha's normal forms spell ё as е; put ё back where the text had it (Хён, not Хен)."""
    out = []
    for word in normal.split():
        source = next((w for w in original.split()
                       if w.replace("ё", "е").replace("Ё", "Е")[:3].lower() == word[:3].lower()), None)
        if source and ("ё" in source or "Ё" in source):
            chars = list(word)
            for i, ch in enumerate(source[: len(chars)]):
                if ch in "ёЁ" and chars[i] in "еЕ":
                    chars[i] = ch
            word = "".join(chars)
        out.append(word)
    return " ".join(out)


def russian_people(doc: Document) -> list[Span]:
    from natasha import Doc

    segmenter, morph_vocab, morph_tagger, ner_tagger = natasha_models()
    nat = Doc(doc.text)
    nat.segment(segmenter)
    nat.tag_morph(morph_tagger)  # normalize() needs the morphology
    nat.tag_ner(ner_tagger)
    found = []
    for span in nat.spans:
        if span.type != "PER":
            continue
        span.normalize(morph_vocab)
        stop = span.stop
        if "(" in doc.text[span.start:stop]:  # "Ли Сон Джин (Lee Sung Jin)": the gloss is read apart
            stop = span.start + doc.text[span.start:stop].index("(")
            while stop > span.start and doc.text[stop - 1].isspace():
                stop -= 1
            span.normal = span.normal.split("(")[0].strip() if span.normal else None
        if "\n" in doc.text[span.start:stop]:  # a crew list: each line is its own credit
            stop = span.start + doc.text[span.start:stop].index("\n")
        text = doc.text[span.start:stop]
        if span.normal and len(span.normal.split()) > len(text.split()):
            span.normal = " ".join(span.normal.split()[: len(text.split())])
        if not text.strip():
            continue
        if re.search(r"[A-Za-z]", text) and not re.search(r"[А-Яа-яЁё]", text):
            continue  # Latin names are read by the Latin rules, which keep their spelling
        normal = keep_yo(text, span.normal or text)
        found.append(Span(span.start, stop, text, "person", normal=normal))
    return found


def latin_people(doc: Document) -> list[Span]:
    found = []
    for match in LATIN_NAME.finditer(doc.text):
        words = match.group().split()
        # Trim leading and trailing words that are never names ("The", "Director", "Netflix").
        while words and words[0].rstrip(".") in NOT_NAME_WORDS:
            words.pop(0)
        while words and words[-1].rstrip(".") in NOT_NAME_WORDS:
            words.pop()
        if len(words) < 2 or any(w in NOT_NAME_WORDS for w in words):
            continue
        text = " ".join(words)
        start = doc.text.find(text, match.start())
        found.append(Span(start, start + len(text), text, "person", normal=text, latin=text))
    return found


def add_gazetteer_people(doc: Document, gazetteer) -> list[Span]:
    """Names the catalog knows, including one-word stage names, wherever they stand in the text."""
    if gazetteer is None:
        return []
    found = []
    for alias, canonical in gazetteer.surface_forms():
        pattern = re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])")
        for match in pattern.finditer(doc.text):
            found.append(Span(match.start(), match.end(), match.group(), "person",
                              normal=canonical, latin=canonical))
    return found


def merge(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans; earlier lists win ties."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.overlaps(kept[-1]):
            if span.end - span.start > kept[-1].end - kept[-1].start:
                kept[-1] = span
            continue
        kept.append(span)
    return kept


def outside_titles(spans: list[Span], titles: list[Span]) -> list[Span]:
    return [s for s in spans if not any(s.overlaps(t) for t in titles)]


def find_people(doc: Document, gazetteer=None) -> Document:
    spans = latin_people(doc) + add_gazetteer_people(doc, gazetteer)
    if doc.language == "ru":
        spans += russian_people(doc)
    people = merge(outside_titles(spans, doc.titles))
    for person in people:
        bracket = BRACKETED_LATIN.match(doc.text[person.end:person.end + 70])
        if bracket and re.search(r"[А-Яа-яЁё]", person.text):
            person.latin = " ".join(bracket.group(1).split())
    if gazetteer is not None:
        for person in people:
            canonical = gazetteer.lookup(person.latin or person.normal)
            if canonical:
                person.latin = canonical
    # The same person, named in Latin somewhere in the article, lends that spelling.
    latin_names = {p.latin for p in people if p.latin}
    for person in people:
        if person.latin is None:
            person.latin = match_latin(person.normal, latin_names)
    # Drop people inside a Latin bracket that glosses a Cyrillic name: they are the same mention.
    doc.people = [p for p in people if not is_gloss(doc, p, people)]
    return doc


def match_latin(name: str, latin_names: set[str]) -> str | None:
    from names import same_name

    for latin in sorted(latin_names):
        if same_name(name, latin):
            return latin
    return None


def is_gloss(doc: Document, person: Span, people: list[Span]) -> bool:
    before = doc.text[max(0, person.start - 3):person.start]
    if "(" not in before:
        return False
    return any(other.end <= person.start and other.latin == person.latin and other is not person
               and doc.text[other.end:person.start].strip(" (") == "" for other in people)
