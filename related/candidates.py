"""Which articles are worth scoring against an article: found through the link tables and the
nearest texts, never by scanning every article.

From the article's works, their albums and album tracks, the works they link to, the works of
the people around them, the people it is about and its tags we collect "postings" (which other
articles share each of them), plus the closest texts from the vector index. A rough score over
those keeps the best CANDIDATES for the exact scoring in `refresh`.

An entity found in more than POSTINGS_CAP articles (a tag like "news", a production company)
brings no candidates of its own: it would cost more than it tells. It still counts, with a small
weight, for candidates found another way.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from catalog.models import Credit, Work, WorkArtist
from editorial.models import ArticleTag

from . import scoring
from .profiles import ArticlePeople, ArticleWorks, rows
from .scoring import Profile, idf, role_weight

CANDIDATES = 60           # scored exactly: eight picks are shown, the rough order is close
NEAREST = 20              # closest texts taken from the vector index
POSTINGS_CAP = 2000
PERSON_WORKS_CAP = 300    # a person credited on more works finds candidates through articles only
ALBUM_TRACKS_CAP = 100


@dataclass
class Found:
    candidates: dict[int, list[int]] = field(default_factory=dict)   # article → best candidates
    similarity: dict[int, dict[int, float]] = field(default_factory=dict)
    df: dict[tuple[str, int], int] = field(default_factory=dict)


def counts(queryset_for, ids) -> dict[int, int]:
    return {key: n for key, n in rows(queryset_for, ids)}


def find(sources: dict[int, Profile], index) -> Found:
    """The best CANDIDATES for each source article, and how many articles each of the sources'
    entities appears in (for `scoring.idf`). A batch of sources shares every query."""
    found = Found()
    expansion = _expand(sources)
    all_works = set().union(*expansion.values()) if expansion else set()
    people = set().union(*(p.people.keys() for p in sources.values())) if sources else set()
    tags = set().union(*(p.tags for p in sources.values())) if sources else set()

    work_df = counts(lambda c: ArticleWorks.objects.filter(work_id__in=c).values("work_id")
                     .annotate(n=Count("id")).values_list("work_id", "n"), all_works)
    people_df = counts(lambda c: ArticlePeople.objects.filter(person_id__in=c).values("person_id")
                       .annotate(n=Count("id")).values_list("person_id", "n"), people)
    tag_df = counts(lambda c: ArticleTag.objects.filter(tag_id__in=c).values("tag_id")
                    .annotate(n=Count("id")).values_list("tag_id", "n"), tags)

    by_work = _postings(lambda c: ArticleWorks.objects.filter(work_id__in=c)
                        .values_list("work_id", "articlepage_id"), work_df)
    by_person = _postings(lambda c: ArticlePeople.objects.filter(person_id__in=c)
                          .values_list("person_id", "articlepage_id"), people_df)
    by_tag = _postings(lambda c: ArticleTag.objects.filter(tag_id__in=c)
                       .values_list("tag_id", "content_object_id"), tag_df)

    found.df.update({("work", w): n for w, n in work_df.items()})
    found.df.update({("tag", t): n for t, n in tag_df.items()})
    person_works = expansion.person_works
    for person in people:
        through_works = (sum(work_df.get(w, 0) for w in person_works[person])
                         if person in person_works else POSTINGS_CAP)
        found.df[("person", person)] = people_df.get(person, 0) + through_works

    nearest = index.nearest(list(sources), NEAREST)
    for source, profile in sources.items():
        rough: dict[int, float] = defaultdict(float)
        for work, weight in expansion[source].items():
            for article in by_work.get(work, ()):
                rough[article] += weight * idf(work_df[work])
        for person, roles in profile.people.items():
            if "about" in roles:
                for article in by_person.get(person, ()):
                    rough[article] += scoring.ROLE_WEIGHTS["about"] * idf(people_df[person])
        for tag in profile.tags:
            for article in by_tag.get(tag, ()):
                rough[article] += scoring.TAG * idf(tag_df[tag])
        found.similarity[source] = dict(nearest.get(source, ()))
        for article, sim in found.similarity[source].items():
            rough[article] += scoring.text_weight(sim) + 0.01   # keep near texts in the running
        rough.pop(source, None)
        best = sorted(rough.items(), key=lambda item: (-item[1], -item[0]))[:CANDIDATES]
        found.candidates[source] = [article for article, _ in best]
    return found


def _per_person(model, people):
    return model.objects.filter(person_id__in=people).order_by().values("person_id")


def _postings(queryset_for, df: dict[int, int]) -> dict[int, list[int]]:
    small = [key for key, n in df.items() if n <= POSTINGS_CAP]
    postings: dict[int, list[int]] = defaultdict(list)
    for key, article in rows(queryset_for, small):
        postings[key].append(article)
    return postings


class Expansion(dict):
    """source article → {work: weight}: the works whose articles are candidates, and how much
    sharing each one counts for. `person_works` keeps each (not too prolific) person's works."""

    person_works: dict[int, set[int]]


def _expand(sources: dict[int, Profile]) -> Expansion:
    albums = set().union(*(p.albums.keys() for p in sources.values())) if sources else set()
    tracks: dict[int, list[int]] = defaultdict(list)
    for pk, album in rows(lambda c: Work.objects.filter(album_id__in=c).order_by()
                          .values_list("pk", "album_id"), albums):
        if len(tracks[album]) < ALBUM_TRACKS_CAP:
            tracks[album].append(pk)

    people = set().union(*(p.people.keys() for p in sources.values())) if sources else set()
    work_counts: dict[int, int] = defaultdict(int)
    for person, n in rows(lambda c: _per_person(Credit, c).annotate(n=Count("id"))
                          .values_list("person_id", "n").union(
                              _per_person(WorkArtist, c).annotate(n=Count("id"))
                              .values_list("person_id", "n"), all=True), people):
        work_counts[person] += n
    modest = [p for p in people if work_counts[p] <= PERSON_WORKS_CAP]
    person_works: dict[int, set[int]] = {p: set() for p in modest}
    for person, work in rows(lambda c: Credit.objects.filter(person_id__in=c).order_by()
                             .values_list("person_id", "work_id").union(
                                 WorkArtist.objects.filter(person_id__in=c).order_by()
                                 .values_list("person_id", "work_id"), all=True), modest):
        person_works[person].add(work)

    expansion = Expansion()
    expansion.person_works = person_works
    for source, profile in sources.items():
        weights: dict[int, float] = {}
        for person, roles in profile.people.items():
            best = max(role_weight(role) for role in roles)
            _offer(weights, person_works.get(person, ()), best)
        for album in profile.albums:
            _offer(weights, [album, *tracks.get(album, ())], scoring.SAME_ALBUM)
        for link_source, _, link_target in profile.links:
            _offer(weights, (link_source, link_target), scoring.LINKED_WORK)
        _offer(weights, profile.works, scoring.SAME_WORK)
        expansion[source] = weights
    return expansion


def _offer(weights: dict[int, float], works, weight: float) -> None:
    """A work reached several ways counts the strongest way."""
    for work in works:
        if weight > weights.get(work, 0.0):
            weights[work] = weight
