"""Turn scored reasons (ids) into the stored form (names in English and Russian, see `reasons`),
with one query per kind of name for a whole batch of articles."""
from collections.abc import Iterable

from django.db.models import Q
from taggit.models import Tag

from catalog.models import Person, PersonName, Work, WorkTitle
from catalog.spelling import Script
from editorial.models import SectionPage

from .profiles import rows
from .scoring import Reason

WORK_PARAMS = {"same_work": ("work",), "same_album": ("work",), "linked_work": ("source", "target")}


class Labels:
    def __init__(self, reasons: Iterable[Reason], sections: Iterable[str]):
        reasons = list(reasons)
        work_ids = {r.params[key] for r in reasons for key in WORK_PARAMS.get(r.code, ())}
        person_ids = {r.params["person"] for r in reasons if r.code == "same_person"}
        tag_ids = {t for r in reasons if r.code == "shared_tags" for t in r.params["tags"]}
        self.works = self._works(work_ids)
        self.people = self._people(person_ids)
        self.tags = dict(rows(lambda c: Tag.objects.filter(pk__in=c).values_list("pk", "name"),
                              tag_ids))
        self.sections = {path: {"id": pk, "en": title, "ru": title_ru or title}
                         for pk, path, title, title_ru in SectionPage.objects.filter(
                             path__in=set(sections)).values_list("pk", "path", "title", "title_ru")}

    @staticmethod
    def _works(ids: set[int]) -> dict[int, dict]:
        labels = {pk: {"id": pk, "en": title} for pk, title in rows(
            lambda c: Work.objects.filter(pk__in=c).order_by().values_list("pk", "title"), ids)}
        for work_id, title in rows(lambda c: WorkTitle.objects.filter(work_id__in=c, language="ru")
                                   .order_by("-sort_order").values_list("work_id", "title"), ids):
            labels[work_id]["ru"] = title   # the first by sort order is written last and wins
        return labels

    @staticmethod
    def _people(ids: set[int]) -> dict[int, dict]:
        labels = {pk: {"id": pk, "en": name} for pk, name in rows(
            lambda c: Person.objects.filter(pk__in=c).order_by().values_list("pk", "name"), ids)}
        cyrillic = Q(language="ru") | Q(script=Script.CYRILLIC)
        for person_id, name in rows(lambda c: PersonName.objects.filter(cyrillic, person_id__in=c)
                                    .order_by("-sort_order").values_list("person_id", "name"), ids):
            labels[person_id]["ru"] = name
        return labels

    def stored(self, reason: Reason, section: str) -> dict:
        params = reason.params
        code = reason.code
        if code == "same_work":
            params = {"work": self.works.get(params["work"])}
        elif code == "same_album":
            params = {"album": self.works.get(params["work"])}
        elif code == "linked_work":
            params = {"source": self.works.get(params["source"]), "kind": params["kind"],
                      "target": self.works.get(params["target"])}
        elif code == "same_person":
            params = {"person": self.people.get(params["person"]), "role": params["role"]}
        elif code == "shared_tags":
            params = {"tags": [self.tags[t] for t in params["tags"] if t in self.tags]}
        elif code == "same_section":
            params = {"section": self.sections.get(section)}
        return {"code": code, "weight": round(reason.weight, 3), "params": params}
