"""Articles read from the database into `scoring.Profile`s: a fixed handful of queries for any
number of articles (ids go in chunks, so a batch of thousands stays within SQLite's limits)."""
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import CharField, Q, Value
from wagtail.models import Page

from catalog.models import Credit, Work, WorkArtist, WorkLink
from editorial.models import ArticlePage, ArticleTag

from .scoring import Profile

CHUNK = 2000

ArticleWorks = ArticlePage.videos.through
ArticlePeople = ArticlePage.people.through


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def rows(queryset_for, ids: Iterable[int]) -> Iterator[tuple]:
    """values_list rows of `queryset_for(chunk)` over every chunk of `ids`."""
    for chunk in chunks(ids):
        yield from queryset_for(chunk)


def section_of(path: str) -> str:
    """An article's section is its parent page: the tree path minus the last step."""
    return path[:-Page.steplen]


def readable_articles():
    """What may be recommended: published and not behind a view restriction."""
    return ArticlePage.objects.live().public().order_by()


def load_profiles(article_ids: Iterable[int], with_links: bool = False) -> dict[int, Profile]:
    """Profiles of the readable articles among `article_ids` (the others are left out).

    `with_links` also reads the typed links around the articles' works, needed only for the
    article whose picks are being worked out, not for its candidates.
    """
    pages = {pk: (language, day, path) for pk, language, day, path in rows(
        lambda c: readable_articles().filter(pk__in=c).values_list("pk", "language", "date", "path"),
        set(article_ids))}
    works: dict[int, set[int]] = defaultdict(set)
    for article_id, work_id in rows(lambda c: ArticleWorks.objects.filter(articlepage_id__in=c)
                                    .values_list("articlepage_id", "work_id"), pages):
        works[article_id].add(work_id)
    about: dict[int, set[int]] = defaultdict(set)
    for article_id, person_id in rows(lambda c: ArticlePeople.objects.filter(articlepage_id__in=c)
                                      .values_list("articlepage_id", "person_id"), pages):
        about[article_id].add(person_id)
    tags: dict[int, set[int]] = defaultdict(set)
    for article_id, tag_id in rows(lambda c: ArticleTag.objects.filter(content_object_id__in=c)
                                   .values_list("content_object_id", "tag_id"), pages):
        tags[article_id].add(tag_id)

    all_works = set().union(*works.values()) if works else set()
    catalog = WorkFacts.load(all_works, with_links)
    profiles = {}
    for pk, (language, day, path) in pages.items():
        own = frozenset(works[pk])
        profiles[pk] = Profile(
            article_id=pk, language=language, date=day, section=section_of(path), works=own,
            albums=catalog.albums_of(own), links=catalog.links_of(own),
            people=catalog.people_of(own, about[pk]), tags=frozenset(tags[pk]))
    return profiles


class WorkFacts:
    """Kinds, albums, credits, artists and links of a set of works, read in one go."""

    def __init__(self):
        self.kind: dict[int, str] = {}
        self.album: dict[int, int] = {}
        self.people: dict[int, list[tuple[int, str]]] = defaultdict(list)   # work → (person, role)
        self.links: dict[int, set[tuple[int, str, int]]] = defaultdict(set)

    @classmethod
    def load(cls, work_ids: set[int], with_links: bool) -> "WorkFacts":
        facts = cls()
        for pk, kind, album_id in rows(lambda c: Work.objects.filter(pk__in=c).order_by()
                                       .values_list("pk", "kind", "album_id"), work_ids):
            facts.kind[pk] = kind
            if album_id:
                facts.album[pk] = album_id
        for work_id, person_id, role in rows(lambda c: Credit.objects.filter(work_id__in=c).order_by()
                                             .values_list("work_id", "person_id", "role").union(
            WorkArtist.objects.filter(work_id__in=c).order_by()
            .annotate(role=Value("artist", output_field=CharField()))
            .values_list("work_id", "person_id", "role"), all=True), work_ids):
            facts.people[work_id].append((person_id, role))
        if with_links:
            for source, kind, target in rows(
                    lambda c: WorkLink.objects.filter(Q(source_id__in=c) | Q(target_id__in=c))
                    .order_by().values_list("source_id", "kind", "target_id"), work_ids):
                facts.links[source].add((source, kind, target))
                facts.links[target].add((source, kind, target))
        return facts

    def albums_of(self, works: frozenset[int]) -> dict[int, frozenset[int]]:
        albums: dict[int, set[int]] = defaultdict(set)
        for work in works:
            if self.kind.get(work) == Work.Kind.ALBUM:
                albums[work].add(work)
            if work in self.album:
                albums[self.album[work]].add(work)
        return {album: frozenset(on) for album, on in albums.items()}

    def links_of(self, works: frozenset[int]) -> frozenset[tuple[int, str, int]]:
        return frozenset(link for work in works for link in self.links.get(work, ()))

    def people_of(self, works: frozenset[int], about: set[int]) -> dict[int, dict[str, frozenset]]:
        people: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        for work in works:
            for person, role in self.people.get(work, ()):
                people[person][role].add(work)
        for person in about:
            people[person]["about"].add(None)
        return {person: {role: frozenset(on) for role, on in roles.items()}
                for person, roles in people.items()}
