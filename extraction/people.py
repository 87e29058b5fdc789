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

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
LATIN_WORD = (rf"(?:[{UPPER}][{LOWER}]+(?:[{UPPER}][{LOWER}]+)?(?:['’-][{UPPER}{LOWER}][{LOWER}]+)*|[{UPPER}]['’][{UPPER}][{LOWER}]+|"
              rf"Mc[{UPPER}][{LOWER}]+|Mac[{UPPER}][{LOWER}]+)")
PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|la|le|du|bin|al|el|dos|das)"
LATIN_NAME = re.compile(
    rf"(?<![\w&])(?:{LATIN_WORD})(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:{LATIN_WORD}|[{UPPER}]\.|[A-Z](?![\w.]))){{1,4}}"
    rf"(?![\w])")
COMPANY_WORDS = r"Films?|Pictures|Productions?|Studios?|Media|Content|Entertainment|Post|Animation|Collective|Co\.?"
COMPANY = re.compile(
    rf"(?<![\w&])(?:{LATIN_WORD}|[A-Z]{{2,}})(?:[ \t]+(?:&[ \t]+)?(?:{LATIN_WORD}|[A-Z]{{2,}})){{0,3}}[ \t]+(?:&[ \t]+)?(?:{COMPANY_WORDS})\b")
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
    """Runs of two to five capitalised words, split wherever a word is never part of a name
    ("Actress Tamsin Royle" → "Tamsin Royle")."""
    found = []
    for match in LATIN_NAME.finditer(doc.text):
        run: list[re.Match] = []
        words = list(re.finditer(r"\S+", match.group()))
        for word in words + [None]:
            if word is not None and word.group().rstrip(".") not in NOT_NAME_WORDS:
                run.append(word)
                continue
            while run and len(run[-1].group()) == 1 and len(run) < 3:  # "Lil Nas X", not "Anna K"
                run.pop()
            if len(run) >= 2:
                start, end = match.start() + run[0].start(), match.start() + run[-1].end()
                text = doc.text[start:end]
                found.append(Span(start, end, text, "person", normal=text, latin=text))
            run = []
    return found


COMPANY_AFTER = re.compile(
    r"(?:\b(?:studio|production house|production company(?: was| is)?|label|agency)\s+|\bproduced by\s+(?=\S+\b(?![ \t]+[A-Z]))|"
    r"(?:студи\w*|продакшн\w*|продакшен\w*|компани\w*|производство\s+[—–-])\s+)"
    r"[«\"“]?((?:[A-ZА-ЯЁ][\w&'’-]*|[A-Z]{2,})(?:[ \t]+(?:&[ \t]+)?(?:[A-ZА-ЯЁ][\w'’-]*|Co\b|[а-яё]+(?=»))){0,3})[»\"”]?")


def companies(doc: Document) -> list[Span]:
    """"Lowtide Pictures", "studio Analog", "produced by Partizan", «студия «Кадр-7»»: a company
    word before or after capitalised words."""
    found = [Span(m.start(), m.end(), m.group(), "company", normal=m.group(), latin=m.group())
             for m in COMPANY.finditer(doc.text)]
    for m in COMPANY_AFTER.finditer(doc.text):
        name = m.group(1)
        latin = name if not re.search(r"[А-Яа-яЁё]", name) else None
        found.append(Span(m.start(1), m.end(1), name, "company", normal=name, latin=latin))
    return found


def add_gazetteer_people(doc: Document, gazetteer) -> list[Span]:
    """Names the catalog knows, including one-word stage names, wherever they stand in the text."""
    if gazetteer is None:
        return []
    return [Span(start, end, doc.text[start:end], "known", normal=canonical, latin=canonical)
            for start, end, canonical in gazetteer.find(doc.text)]


CREW_LINE = re.compile(r"^[ \t]*([^:\n]{2,40}?)[ \t]*[:：][ \t]*(.+?)[ \t]*$", re.MULTILINE)
LIST_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\s(?:and|и)\s|/)\s*")


def crew_list_people(doc: Document) -> list[Span]:
    """"Director: A", "Production Company: Saltwater Films", «Продакшн: Мороз Фильм»: in a crew
    list whatever follows a role and a colon is a name, even one no rule would call a name."""
    from .lexicon import ROLE_REGEX

    found = []
    for line in CREW_LINE.finditer(doc.text):
        label, value = line.group(1), line.group(2)
        if not any(pattern.search(label) for _, pattern in ROLE_REGEX[doc.language]):
            continue
        offset = line.start(2)
        for item in re.finditer(r"[^,;/]+", value):
            for part in re.split(r"\s(?:and|и|&)\s", item.group()):
                text = re.split(r"\s[@(—–-]\s?|\s\(", part)[0].strip(" .\t\"«»")
                if not text or not (text[0].isupper() or text[0].isdigit()) or len(text.split()) > 5:
                    continue
                start = doc.text.find(text, offset + item.start())
                if start < 0:
                    continue
                latin = text if not re.search(r"[А-Яа-яЁё]", text) else None
                found.append(Span(start, start + len(text), text, "crew", normal=text, latin=latin))
    return found


def surname_mentions(doc: Document, people: list[Span]) -> list[Span]:
    """"Walken", "Cunningham" on their own, once the full name has been given."""
    found = []
    for person in people:
        words = person.text.split()
        if len(words) < 2 or person.label == "company" or not re.search(r"[A-Za-z]", words[-1]):
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])", doc.text):
            found.append(Span(match.start(), match.end(), match.group(), "person",
                              normal=words[-1], latin=words[-1]))
    return found


def resolve_short_mentions(people: list[Span], headline: str) -> list[Span]:
    """"Сеитов" after "Айсултан Сеитов" is the same person: lend the full name (only a surname,
    and only when one person mentioned in full has it). A lone word that
    names no one mentioned in full ("Вера", a heroine's first name) is dropped unless the
    headline carries it too (one-word artists, such as "Sia", are in the headline)."""
    full = [p for p in people if len(p.normal.split()) >= 2]
    kept = []
    for person in people:
        if len(person.normal.split()) >= 2 or person.label in ("known", "company"):
            kept.append(person)
            continue
        word = person.normal.casefold().replace("ё", "е")
        owners = {f.normal: f for f in full
                  if f.normal.split()[-1].casefold().replace("ё", "е") == word}
        owner = next(iter(owners.values())) if len(owners) == 1 else None  # a shared surname stays open
        if owner is not None:
            person.normal, person.latin = owner.normal, owner.latin
            kept.append(person)
        elif person.text in headline:
            kept.append(person)
    return kept


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
    """People are not titles, but a company's name may stand in quotes («Мороз Фильм»)."""
    return [s for s in spans if s.label in ("company", "crew") or not any(s.overlaps(t) for t in titles)]


HEADLINE_ARTIST = re.compile(r"^\s*([^«»\"“”:—–]{1,40}?)\s+[—–-]\s+[«\"“‘']")


def headline_artist(doc: Document) -> list[Span]:
    """"Sia — «Chandelier»": the headline names the artist, however short the name."""
    match = HEADLINE_ARTIST.match(doc.title or "")
    if not match:
        return []
    name = match.group(1).strip()
    return [Span(m.start(), m.end(), name, "known", normal=name,
                 latin=name if not re.search(r"[А-Яа-яЁё]", name) else None)
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text)]


def trim_artist_tail(people: list[Span], headline: str) -> None:
    """natasha sometimes runs a name into the artist's that follows it ("Грачёвым Сирин")."""
    for person in people:
        words = person.text.split()
        if len(words) >= 3 and re.search(rf"(?<!\w){re.escape(words[-1])}(?!\w)", headline):
            person.end -= len(words[-1]) + 1
            person.text = " ".join(words[:-1])
            person.normal = " ".join(person.normal.split()[:-1]) or person.text


def find_people(doc: Document, gazetteer=None) -> Document:
    spans = (headline_artist(doc) + crew_list_people(doc) + companies(doc) + latin_people(doc)
             + add_gazetteer_people(doc, gazetteer))
    if doc.language == "ru":
        russian = russian_people(doc)
        trim_artist_tail(russian, doc.title or "")
        spans += russian
    people = merge(outside_titles(spans, doc.titles))
    people = merge(people + outside_titles(surname_mentions(doc, people), doc.titles))
    for person in people:
        bracket = BRACKETED_LATIN.match(doc.text[person.end:person.end + 70])
        if bracket and re.search(r"[А-Яа-яЁё]", person.text):
            person.latin = " ".join(bracket.group(1).split())
    # Every mention of a person shares the Latin spelling any one of them was given.
    glossed = {p.normal: p.latin for p in people if p.latin and re.search(r"[А-Яа-яЁё]", p.text)}
    for person in people:
        if person.latin is None and person.normal in glossed:
            person.latin = glossed[person.normal]
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
    people = [p for p in people if not is_gloss(doc, p, people)]
    doc.people = resolve_short_mentions(people, doc.title or "")
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
