"""Link names and titles found in an article to what the catalog already has.

A spelling in the same script that folds to the same key is the same name. A match only across
scripts (Ли Сон Джин → Lee Sung Jin) is a good guess but not proof, because one Cyrillic spelling
can stand for several Latin ones: it links only with a second clue (the person already has a
credit on this video, or in this role), and otherwise is offered to the editor to confirm.
"""
from collections import defaultdict
from dataclasses import dataclass

from catalog.models import Credit, Person, Work
from catalog.spelling import name_key
from extraction import Gazetteer
from names import detect_script, name_keys


def catalog_signature() -> tuple:
    """Changes whenever a person or a work (with its names and titles, saved with it) is added,
    edited or removed."""
    from django.db.models import Count, Max

    from catalog.models import PersonName

    return tuple(tuple(model.objects.aggregate(n=Count("pk"), last=Max(field)).values())
                 for model, field in ((Person, "updated_at"), (PersonName, "pk"), (Work, "updated_at")))


@dataclass
class PersonMatch:
    person: Person | None = None
    suggestion: Person | None = None


class CatalogIndex:
    """The whole catalog's names and titles; lookups are dictionary hits.

    Building it reads every person and work, so a worker keeps one and rebuilds it only when the
    catalog has changed (`current()`); a batch of imports pays for it once.
    """

    _cached: "tuple[tuple, CatalogIndex] | None" = None

    @classmethod
    def current(cls) -> "CatalogIndex":
        signature = catalog_signature()
        if cls._cached is None or cls._cached[0] != signature:
            cls._cached = (signature, cls())
        return cls._cached[1]

    def __init__(self):
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.keys: dict[str, set[int]] = defaultdict(set)
        self.people: dict[int, Person] = {}
        entries = []
        for person in Person.objects.prefetch_related("names"):
            self.people[person.pk] = person
            spellings = [person.name] + [n.name for n in person.names.all()]
            entries.append((person.name, spellings[1:]))
            for spelling in spellings:
                self.exact[name_key(spelling)].add(person.pk)
                for key in name_keys(spelling):
                    self.keys[key].add(person.pk)
        self.gazetteer = Gazetteer(entries)
        self.titles: dict[str, list[Work]] = defaultdict(list)
        for work in Work.objects.prefetch_related("titles", "artists"):
            for title in [work.title] + [t.title for t in work.titles.all()]:
                self.titles[name_key(title)].append(work)

    def person(self, name: str, work: Work | None = None, role: str = "") -> PersonMatch:
        exact = self.exact.get(name_key(name), set())
        if len(exact) == 1:
            return PersonMatch(person=self.people[next(iter(exact))])
        candidates = set(exact)
        for key in name_keys(name):
            candidates |= self.keys.get(key, set())
        if not candidates:
            return PersonMatch()
        clued = [pk for pk in candidates if self.has_clue(pk, work, role)]
        if len(clued) == 1:
            return PersonMatch(person=self.people[clued[0]])
        best = min(candidates, key=lambda pk: (detect_script(self.people[pk].name) != "Latn", pk))
        return PersonMatch(suggestion=self.people[best])

    @staticmethod
    def has_clue(person_id: int, work: Work | None, role: str) -> bool:
        credits = Credit.objects.filter(person_id=person_id)
        if work is not None and credits.filter(work=work).exists():
            return True
        return bool(role) and credits.filter(role=role).exists()

    def work(self, title: str, artists: list[str], kinds=(Work.Kind.MUSIC_VIDEO,)) -> Work | None:
        candidates = [w for w in self.titles.get(name_key(title), []) if w.kind in kinds]
        if len(candidates) <= 1 or not artists:
            return candidates[0] if candidates else None
        wanted = {k for a in artists for k in name_keys(a)}
        for work in candidates:
            for artist in work.artists.all():
                person = self.people.get(artist.person_id)
                if person and wanted & {k for n in [person.name] for k in name_keys(n)}:
                    return work
        return candidates[0]
