"""Credits: a role word and the people it governs, inside one clause.

"Directed by A and B", "режиссёром выступил A", "A shot the video", "Director: A" all come down
to a role trigger and a group of coordinated names on either side of it, with nothing but a few
function words between them. A trigger next to the title of some other work, or inside a phrase
about the past ("previously directed", «ранее снял»), is about that other work and is skipped.
"""
import re
from dataclasses import dataclass

from .document import Credit, Document, Span
from .lexicon import ALBUM_WORDS, ROLE_REGEX, TRAP_PATTERNS, VIDEO_WORDS

COORDINATION = re.compile(
    r"^(?:\s*,\s*|\s*,?\s+(?:and|&|и|а также)\s+(?:[a-zа-яё]+\s+){0,2}|\s*/\s*)$")
TRIGGER_COORDINATION = re.compile(r"^(?:\s*,\s*|\s*,?\s+(?:and|&|и)\s+|\s*/\s*|\s*-\s*)$", re.IGNORECASE)
# What may stand between a role word and its names: a few short function words, a colon, a dash.
MAX_FORWARD_GAP = 48
MAX_BACKWARD_GAP = 40


@dataclass
class Trigger:
    role: str
    span: Span


def find_triggers(text: str, offset: int, language: str) -> list[Trigger]:
    found: list[Trigger] = []
    for role, pattern in ROLE_REGEX[language]:
        for match in pattern.finditer(text):
            span = Span(offset + match.start(), offset + match.end(), match.group(), role)
            if match.end() == match.start() or any(span.overlaps(t.span) for t in found):
                continue
            found.append(Trigger(role, span))
    return sorted(found, key=lambda t: t.span.start)


def groups(items: list, text: str, start_of, end_of, joiner: re.Pattern, language: str = "") -> list[list]:
    """Consecutive items joined only by commas, "and", "и" or a slash form one group; with a
    language given, a join that holds a role word ("A and shot by B") does not count."""
    out: list[list] = []
    for item in items:
        gap = text[end_of(out[-1][-1]):start_of(item)] if out else ""
        if out and joiner.match(gap) and not (language and find_triggers(gap, 0, language)):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def governing_context(doc: Document, trigger: Span, clause: Span) -> str:
    """The words that govern a role word: back to the previous comma, on to the next one.

    "Seitov, who previously directed" is about the past; in "Kim, best known for 'Parasite', is
    the DP" the appositive between the commas is not what the role word is about.
    """
    left = doc.text[max(clause.start, trigger.start - 30):trigger.start]
    left = re.split(r"[,(]", left)[-1]
    right = re.split(r"[,.;)]", doc.text[trigger.end:min(clause.end, trigger.end + 20)])[0]
    return f"{left}{trigger.text}{right}"


def about_another_work(doc: Document, trigger: Span, clause: Span, main_titles: set[str]) -> bool:
    """"Her previous video, 'X', was directed by B": another work named just ahead of the role
    word, with none of ours in between or in the clause, is the work the credit belongs to. A
    title after the name ("A, remembered for 'Pachinko', plays the lead") changes nothing."""
    window_start = max(doc.sentence_of(trigger.start).start, trigger.start - 80)
    ahead = [t for t in doc.titles if window_start <= t.start and t.end <= trigger.start]
    if not ahead or ahead[-1].text in main_titles:
        return False
    between = doc.text[ahead[-1].end:trigger.start]
    if len(between) > 60 or re.search(r"\b(?:and|but|while|и|а|но)\b", between):
        return False  # "…quote the film «X», and the colorist, A": X is not what A coloured
    inside = doc.within(doc.titles, clause)
    if any(t.text in main_titles for t in inside) or any(a.title in clause.text for a in doc.albums):
        return False
    return True


def is_trap(doc: Document, trigger: Trigger, clause: Span, main_titles: set[str]) -> bool:
    if TRAP_PATTERNS[doc.language].search(governing_context(doc, trigger.span, clause)):
        return True
    if about_another_work(doc, trigger.span, clause, main_titles) and not crew_label(doc, clause):
        return True
    span = trigger.span
    if trigger.role in ("producer", "songwriter"):
        # The album's producers are not the video's ("The album «Nectar» was produced by B").
        context = doc.text[max(clause.start, span.start - 80):span.end + 20]
        lang = doc.language
        names_album = ALBUM_WORDS[lang].search(context) or any(a.title in context for a in doc.albums)
        if names_album and not VIDEO_WORDS[lang].search(context):
            return True
    # "directed «Other Title»": the role belongs to another work.
    after = doc.text[span.end:span.end + 30]
    for title in doc.within(doc.titles, clause):
        if any(title.overlaps(p) for p in doc.people):
            continue  # a company's name in quotes («Мороз Фильм»), not another work
        if span.end <= title.start <= span.end + 30 and title.text not in main_titles:
            between = doc.text[span.end:title.start]
            if not re.search(r"[.;]", between) and re.search(r"\w", after):
                return True
    return False


def attach(doc: Document, clause: Span, main_titles: set[str]) -> list[Credit]:
    triggers = find_triggers(clause.text, clause.start, doc.language)
    label_end = crew_label(doc, clause)
    if label_end:  # "VFX: студия «Кадр-7»": the label alone says the role
        triggers = [t for t in triggers if t.span.end <= label_end]
    people = doc.within(doc.people, clause)
    if not triggers or not people:
        return []
    trigger_groups = groups(triggers, doc.text, lambda t: t.span.start, lambda t: t.span.end,
                            TRIGGER_COORDINATION)
    people_groups = groups(people, doc.text, lambda p: p.start, lambda p: p.end, COORDINATION, doc.language)
    claimed = {id(t) for t in trigger_groups if owns_next_names(doc, t, people_groups)}
    credits = []
    for names in people_groups:
        if is_band(doc, names[0]):
            continue  # "вокалист группы Biting Elbows": a band named in passing
        if BENEFICIARY.search(doc.text[max(clause.start, names[0].start - 8):names[0].start]):
            continue  # "танец для Мэдди Зиглер поставил …": made for her, not by her
        best = None
        for tgroup in trigger_groups:
            first, last = tgroup[0].span, tgroup[-1].span
            if last.end <= names[0].start:
                gap_text, limit, weight = doc.text[last.end:names[0].start], MAX_FORWARD_GAP, 1.0
                if FORWARD_BLOCK.search(gap_text):  # "снимал видео для A": A is the client
                    continue
                if any(last.end <= t.start and t.end <= names[0].start and t.text not in main_titles
                       for t in doc.titles):  # "the animation of «Take On Me», drawn by A"
                    continue
            elif names[-1].end <= first.start:
                gap_text, limit, weight = doc.text[names[-1].end:first.start], MAX_BACKWARD_GAP, 1.3
                # "Найшуллер, вокалист группы Biting Elbows, сам срежиссировал": skip the apposition.
                apposition = APPOSITION.match(gap_text)
                if apposition:
                    gap_text = apposition.group(1)
                # "Оператором стал A, а художницей — B": a role word followed by its own name
                # does not also reach back to the name before it.
                if id(tgroup) in claimed or BACKWARD_BLOCK.search(gap_text) or any(
                        doc.text[t.start:t.end] in gap_text for t in doc.titles):
                    continue
            else:
                continue
            if len(gap_text) > limit or any(p.start >= clause.start and p not in names and
                                            not is_band(doc, p) and
                                            (last.end <= p.start < names[0].start or
                                             names[-1].end <= p.start < first.start) for p in people):
                continue
            unbalanced = "(" in gap_text and ")" not in gap_text
            if re.search(r"[.!?]\s", gap_text) or gap_text.count(",") > 2 or unbalanced:
                continue
            score = len(gap_text) * weight + (10 if weight > 1 and "," in gap_text else 0)
            if best is None or score < best[0]:
                best = (score, tgroup)
        if best is None:
            continue
        for trigger in best[1]:
            if is_trap(doc, trigger, clause, main_titles):
                continue
            for person in names:
                role = trigger.role
                if role == "producer" and person.label == "company":
                    role = "production_company"  # "produced by Partizan"
                credits.append(Credit(role, person, clause))
    return credits


CREW_LINE_START = re.compile(r"^\s*[^:\n]{2,40}:")
APPOSITION = re.compile(r"^,[^,]{1,70},(\s*\S{0,12}\s*)$")
BAND_BEFORE = re.compile(r"(?:\bгрупп[аыуойе]|\bколлектив\w*|\bдуэт\w*|\bband|\bgroup|\bduo)\s+$", re.IGNORECASE)
BENEFICIARY = re.compile(r"(?:\bдля|\bfor)\s+$", re.IGNORECASE)
FORWARD_BLOCK = re.compile(r"\s(?:для|for)\s", re.IGNORECASE)
BACKWARD_BLOCK = re.compile(r",\s*(?:а|но|и|and|but|while|whereas)\s|[«»“”\"]|:", re.IGNORECASE)
OWNS_GAP = re.compile(r"^(?:\s*[:—–-]?\s*(?:(?:of|for|on|is|was|were|are|by|the|this|video|clip|клипа|видео|"
                      r"ролика|стал[аи]?|выступил[аи]?|был[аи]?|—|–)\s+)*\s*)$", re.IGNORECASE)


def crew_label(doc: Document, clause: Span) -> int | None:
    """Where the label of a crew-list line ("Director of photography:") ends, if this is one."""
    match = CREW_LINE_START.match(clause.text)
    if not match or len(match.group().split()) > 4:
        return None
    if not find_triggers(match.group(), clause.start, doc.language):
        return None
    return clause.start + match.end()


def is_band(doc: Document, person: Span) -> bool:
    return bool(BAND_BEFORE.search(doc.text[max(0, person.start - 14):person.start]))


def owns_next_names(doc: Document, tgroup: list[Trigger], people_groups: list[list[Span]]) -> bool:
    last = tgroup[-1].span
    for names in people_groups:
        if names[0].start >= last.end:
            return bool(OWNS_GAP.match(doc.text[last.end:names[0].start]))
    return False


def clauses(doc: Document) -> list[Span]:
    out = []
    for sentence in doc.sentences:
        start = sentence.start
        for match in re.finditer(r";", sentence.text):
            end = sentence.start + match.start()
            out.append(Span(start, end, doc.text[start:end], "clause"))
            start = end + 1
        out.append(Span(start, sentence.end, doc.text[start:sentence.end], "clause"))
    return out


POSSESSIVE_DIRECTOR = re.compile(
    r"^['’]s?\s+(?:(?:new|latest|famous|classic|\w+-minute)\s+)?(?:music\s+)?(?:video|clip)\s+for\s+\S+?['’]s?\s",
    re.IGNORECASE)


def possessive_directors(doc: Document) -> list[Credit]:
    """"Chris Cunningham's video for Björk's …": the one whose video it is for someone else's
    song is its director (an artist's own video is "Joji's video for 'Run'", with no second owner)."""
    found = []
    for person in doc.people:
        if POSSESSIVE_DIRECTOR.match(doc.text[person.end:person.end + 60]):
            found.append(Credit("director", person, doc.sentence_of(person.start)))
    return found


def find_credits(doc: Document) -> Document:
    main_titles = {v.title for v in doc.videos}
    possessive = possessive_directors(doc)
    seen = set()
    for clause in clauses(doc):
        for credit in attach(doc, clause, main_titles) + [
                c for c in possessive if clause.start <= c.person.start < clause.end]:
            key = (credit.role, credit.person.latin or credit.person.normal)
            if key in seen:
                continue
            seen.add(key)
            credit.evidence = doc.sentence_of(credit.person.start)
            doc.credits.append(credit)
    return doc
