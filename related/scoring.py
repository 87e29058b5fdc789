"""How related two articles are, and why: pure Python, no Django, so the rules can be read, tested
and tuned on their own.

An article is reduced to a `Profile`: the works it is about, the albums and linked works around
them, the people around them with their roles, its tags, section, language and date. `score`
compares two profiles and returns every contribution as a `Reason` (a code and ids), which the
caller stores and renders as a sentence in the reader's language. `arrange` applies the editors'
pins and exclusions and splits the ranking into "Read also" and "Other materials".

Entities shared by many articles say little ("news", a production company with thousands of
credits), so each entity's weight falls with the number of articles it appears in (`idf`).
"""
import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SAME_WORK = 6.0
SAME_ALBUM = 2.5
LINKED_WORK = 3.0
ROLE_WEIGHTS = {"director": 3.0, "artist": 2.5, "creator": 2.5, "cinematographer": 2.0,
                "about": 1.5}
OTHER_ROLE_WEIGHT = 1.2     # the rest of the crew and the cast
MIXED_ROLES_WEIGHT = 1.0    # the same person in different capacities
TAG = 0.8
TEXT = 3.0
# Any two pieces on music videos share a vocabulary: unrelated ones measure a cosine of 0.4-0.55
# on the demo, the same story in Russian and English 0.6-0.7.
TEXT_FLOOR = 0.45           # below this the texts add nothing
TEXT_FULL = 0.8             # ...and at this they add all of TEXT
TEXT_REASON = 0.6           # from here "similar text" is worth telling the reader
FRESHNESS = 0.75            # halves every FRESHNESS_HALF_LIFE days of the candidate's age
FRESHNESS_HALF_LIFE = 365
SAME_SECTION = 0.3
SAME_LANGUAGE = 0.3

READ_ALSO_COUNT = 4
OTHER_COUNT = 4
READ_ALSO_MIN = 2.5         # below this a pick is "other materials", never "read also"
MAX_REASONS_PER_CODE = 2

# Codes the scoring itself gives; "pinned" comes from the editors.
ENTITY_CODES = ("same_work", "same_album", "linked_work", "same_person", "shared_tags")


@dataclass
class Profile:
    """What one article is about, in ids. `people` maps a person to their roles and, per role,
    the article's works they hold it on (None for "the article is about this person")."""

    article_id: int
    language: str = ""
    date: datetime.date | None = None
    section: str = ""
    works: frozenset[int] = frozenset()
    albums: Mapping[int, frozenset[int]] = field(default_factory=dict)   # album → own works on it
    links: frozenset[tuple[int, str, int]] = frozenset()                # (source, kind, target)
    people: Mapping[int, Mapping[str, frozenset[int | None]]] = field(default_factory=dict)
    tags: frozenset[int] = frozenset()


@dataclass
class Reason:
    code: str
    weight: float
    params: dict = field(default_factory=dict)


@dataclass
class Scored:
    target: int
    score: float
    reasons: list[Reason]
    similarity: float | None = None


@dataclass
class Placed:
    target: int
    slot: str            # "read_also" or "other"
    rank: int
    score: float
    reasons: list[Reason]
    pinned: bool = False


def idf(df: int) -> float:
    """1.0 for an entity in one article, about 0.5 at 200 articles, 0.3 at 5,000."""
    return 1.0 / (1.0 + math.log10(1.0 + max(df, 1) / 20.0))


def diminishing(weights: Iterable[float]) -> float:
    """The strongest counts fully, the next half, the third a third: five shared crew members
    make a closer pair than one, but not five times closer."""
    return sum(w / (i + 1) for i, w in enumerate(sorted(weights, reverse=True)))


def role_weight(role: str) -> float:
    return ROLE_WEIGHTS.get(role, OTHER_ROLE_WEIGHT)


def _beyond(roles: Mapping[str, frozenset[int | None]], shared: frozenset[int]) -> dict[str, set]:
    """A person's roles in an article apart from the works both articles are about."""
    kept = {role: set(works) - shared for role, works in roles.items()}
    return {role: works for role, works in kept.items() if works}


def _shared_works(a: Profile, b: Profile, df: Mapping[tuple[str, int], int]) -> list[Reason]:
    return [Reason("same_work", SAME_WORK * idf(df.get(("work", w), 1)), {"work": w})
            for w in sorted(a.works & b.works)]


def _shared_albums(a: Profile, b: Profile, shared: frozenset[int]) -> list[Reason]:
    # Two pieces on the same video share its album too: that says nothing new, so each side
    # needs a work of its own on the album.
    return [Reason("same_album", SAME_ALBUM, {"work": album})
            for album in sorted(a.albums.keys() & b.albums.keys())
            if a.albums[album] - shared and b.albums[album] - shared]


def _linked_works(a: Profile, b: Profile) -> list[Reason]:
    reasons = []
    for source, kind, target in sorted(a.links):
        if (source in a.works and target in b.works and target not in a.works) or (
                target in a.works and source in b.works and source not in a.works):
            reasons.append(Reason("linked_work", LINKED_WORK,
                                  {"source": source, "kind": kind, "target": target}))
    return reasons


def _shared_people(a: Profile, b: Profile, shared: frozenset[int],
                   df: Mapping[tuple[str, int], int]) -> list[Reason]:
    """People in both articles, each in their strongest common role. The director of the video
    both are about is no news; the director of that video and of another one in `b` is, so a
    person counts when each article has them beyond the shared works."""
    reasons = []
    for person in sorted(a.people.keys() & b.people.keys()):
        roles_a, roles_b = a.people[person], b.people[person]
        if not _beyond(roles_a, shared) or not _beyond(roles_b, shared):
            continue
        common = roles_a.keys() & roles_b.keys()
        if common:
            role = max(common, key=lambda r: (role_weight(r), r))
            weight = role_weight(role)
        else:
            role, weight = "", MIXED_ROLES_WEIGHT
        weight *= idf(df.get(("person", person), 1))
        reasons.append(Reason("same_person", weight, {"person": person, "role": role}))
    return reasons


def _shared_tags(a: Profile, b: Profile, df: Mapping[tuple[str, int], int]) -> list[Reason]:
    shared = a.tags & b.tags
    if not shared:
        return []
    weighted = sorted(((TAG * idf(df.get(("tag", t), 1)), t) for t in shared), reverse=True)
    return [Reason("shared_tags", diminishing(w for w, _ in weighted),
                   {"tags": [t for _, t in weighted[:3]]})]


def text_weight(similarity: float) -> float:
    share = (similarity - TEXT_FLOOR) / (TEXT_FULL - TEXT_FLOOR)
    return TEXT * min(1.0, max(0.0, share))


def freshness(candidate_date: datetime.date | None, today: datetime.date) -> float:
    if candidate_date is None:
        return 0.0
    age = max(0, (today - candidate_date).days)
    return FRESHNESS * 0.5 ** (age / FRESHNESS_HALF_LIFE)


def _cap_per_code(reasons: list[Reason]) -> tuple[float, list[Reason]]:
    """Sum each code's weights with diminishing returns; keep its strongest few for display."""
    by_code: dict[str, list[Reason]] = {}
    for reason in reasons:
        by_code.setdefault(reason.code, []).append(reason)
    total, kept = 0.0, []
    for items in by_code.values():
        items.sort(key=lambda r: -r.weight)
        total += diminishing(r.weight for r in items)
        kept += items[:MAX_REASONS_PER_CODE]
    return total, kept


def score(a: Profile, b: Profile, similarity: float | None, today: datetime.date,
          df: Mapping[tuple[str, int], int] | None = None) -> Scored | None:
    """How well `b` reads after `a`, with every reason; None when nothing joins them."""
    df = df or {}
    shared = a.works & b.works
    reasons = _shared_works(a, b, df)
    reasons += _shared_albums(a, b, shared)
    reasons += _linked_works(a, b)
    reasons += _shared_people(a, b, shared, df)
    reasons += _shared_tags(a, b, df)
    if similarity is not None and similarity >= TEXT_REASON:
        reasons.append(Reason("similar_text", text_weight(similarity),
                              {"similarity": round(float(similarity), 3)}))
    if a.section and a.section == b.section:
        reasons.append(Reason("same_section", SAME_SECTION))
    if not reasons:
        return None
    total, kept = _cap_per_code(reasons)
    if similarity is not None and similarity < TEXT_REASON:
        total += text_weight(similarity)   # a little closer, not worth a sentence
    total += freshness(b.date, today)
    if a.language and a.language == b.language:
        total += SAME_LANGUAGE
    kept.sort(key=lambda r: (-r.weight, r.code))
    return Scored(b.article_id, round(total, 4), kept, similarity)


def arrange(scored: Iterable[Scored], pinned: Iterable[int] = (), excluded: Iterable[int] = (),
            read_also: int = READ_ALSO_COUNT, other: int = OTHER_COUNT) -> list[Placed]:
    """Pins first (in the editors' order, always "Read also"), then the best scores: strong ones
    fill "Read also", the rest "Other materials". Exclusions win over pins."""
    excluded = set(excluded)
    by_target = {s.target: s for s in scored if s.target not in excluded}
    placed: list[Placed] = []
    seen = set()
    for target in pinned:
        if target in excluded or target in seen:
            continue
        seen.add(target)
        found = by_target.get(target)
        reasons = [Reason("pinned", 0.0)] + (found.reasons if found else [])
        placed.append(Placed(target, "read_also", len(placed) + 1,
                             found.score if found else 0.0, reasons, pinned=True))
    ranked = sorted((s for s in by_target.values() if s.target not in seen),
                    key=lambda s: (-s.score, -s.target))
    strong = [s for s in ranked if s.score >= READ_ALSO_MIN]
    room = max(0, read_also - len(placed))
    for s in strong[:room]:
        seen.add(s.target)
        placed.append(Placed(s.target, "read_also", len(placed) + 1, s.score, s.reasons))
    for s in [s for s in ranked if s.target not in seen][:other]:
        placed.append(Placed(s.target, "other", len(placed) + 1, s.score, s.reasons))
    return placed
