"""An article page's parts that come from other tables, stored as one row per article.

A page shows its videos' credits boxes (with their artists and release dates), names its works
and people in its structured data, and lists its sources, tags and legal notices: seven queries
per reader for facts that change when an editor publishes the article or edits the catalog, not
when someone reads it. They are stored as a snapshot (`ArticleSnapshot`), read in the page's own query.

A change drops the snapshots it affects at once (see signals), and a background task builds
them again; until then the page reads the facts live, so nobody sees a credit that was just
corrected. The stored form names records by kind, name and address, never by their model, so
a page built from it needs no query at all, and each reader still sees role names in their own
language.
"""
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from catalog.dates import PartialDate
from catalog.models import ROLE_ORDER, Credit, Work, artists_with_people
from catalog.snapshots import CreditLine, Link
from deepcuts import snapshots as storage

# Stored snapshots of another version are ignored (read live) until they are built again.
VERSION = 2
BATCH = 500


@dataclass(frozen=True)
class CreditsBox:
    video: Link
    artists: list[Link]
    release: PartialDate | None
    credits: list[CreditLine]


def _link(kind: str, name: str, url: str) -> dict:
    return {"kind": kind, "name": name, "url": url}


def _work(work: Work) -> dict:
    data = _link(work.kind, work.title, work.get_absolute_url())
    if work.kind == Work.Kind.MUSIC_VIDEO:
        release = work.release
        data["release"] = [release.year, release.month, release.day] if release else None
        data["artists"] = [_link(a.person.kind, a.person.name, a.person.get_absolute_url())
                           for a in work.artists.all()]
        data["credits"] = [
            {"role": c.role, "person": _link(c.person.kind, c.person.name, c.person.get_absolute_url()),
             "credited_as": c.credited_as, "character": c.character}
            for c in sorted(work.credits.all(), key=lambda c: (ROLE_ORDER[c.role], c.sort_order))]
    return data


WORK_PREFETCH = (models.Prefetch("credits", queryset=Credit.objects.select_related("person")),
                 artists_with_people())


def snapshot_of(article, works=None) -> dict:
    """The snapshot of `article` as it is in memory (a preview's draft too). `works`: its works
    with credits and artists prefetched, when a batch has read them already."""
    if works is None:
        works = article.videos.prefetch_related(*WORK_PREFETCH)
    return {
        "version": VERSION,
        "works": [_work(work) for work in works],
        "people": [_link(p.kind, p.name, p.get_absolute_url()) for p in article.people.all()],
        "sources": [{"title": s.title, "url": s.url} for s in article.sources.all()],
        # Tags have no order of their own (PostgreSQL returns them as it likes): by name.
        "tags": [{"name": t.name, "slug": t.slug}
                 for t in sorted(article.tags.all(), key=lambda t: (t.name.lower(), t.slug))],
        # The legal notices its published text matched (see tasks.match_notices), in the order
        # they were written.
        "notices": [link.notice.text for link in sorted(_notice_links(article), key=lambda n: n.notice_id)
                    if link.notice.active],
    }


def _notice_links(article):
    if article.pk is None:  # the preview of a page not saved yet has matched nothing
        return []
    if "notice_links" in getattr(article, "_prefetched_objects_cache", {}):
        return article.notice_links.all()
    return article.notice_links.select_related("notice")


def stored(article) -> dict | None:
    """The article's stored snapshot, if it has a current one (read with the page when the
    page was found by its URL)."""
    return storage.current(article, VERSION)


class Shown:
    """A snapshot as the article template and the structured data read it."""

    def __init__(self, data: dict):
        self.works = [Link(w["kind"], w["name"], w["url"]) for w in data["works"]]
        self.people = [Link(**p) for p in data["people"]]
        self.sources = data["sources"]
        self.tags = data["tags"]
        self.notices = data["notices"]
        self.credit_boxes = [
            CreditsBox(video=Link(w["kind"], w["name"], w["url"]),
                       artists=[Link(**a) for a in w["artists"]],
                       release=PartialDate(*w["release"]) if w["release"] else None,
                       credits=[CreditLine(c["role"], Link(**c["person"]), c["credited_as"],
                                           c["character"]) for c in w["credits"]])
            for w in data["works"] if w["kind"] == Work.Kind.MUSIC_VIDEO]


def store(article_ids: Iterable[int]) -> int:
    """Build and store the snapshots of these articles, a fixed number of queries per batch;
    returns how many were stored. Articles that no longer exist are skipped."""
    from .models import ArticleNotice, ArticlePage, ArticleSnapshot

    pages = (ArticlePage.objects.only("pk").prefetch_related(
        models.Prefetch("videos", queryset=Work.objects.prefetch_related(*WORK_PREFETCH)),
        "people", "sources", "tags", models.Prefetch(
            "notice_links", queryset=ArticleNotice.objects.select_related("notice"))))
    return storage.store(ArticleSnapshot, article_ids, lambda ids: pages.filter(pk__in=ids),
                         lambda page: snapshot_of(page, works=page.videos.all()), BATCH)


def forget(article_ids: Iterable[int]) -> None:
    from .models import ArticlePage, ArticleSnapshot

    storage.drop(ArticleSnapshot, article_ids, ArticlePage.objects.all())


def articles_about(works: Iterable[int] = (), people: Iterable[int] = (),
                   tags: Iterable[int] = ()) -> set[int]:
    """The articles whose snapshots name these works, these people (mentioned, or credited or
    an artist on one of their works) or these tags."""
    from catalog.models import WorkArtist

    from .models import ArticlePage, ArticleTag

    works, people, tags = set(works), list(people), list(tags)
    if people:
        works |= set(Credit.objects.filter(person_id__in=people).values_list("work_id", flat=True))
        works |= set(WorkArtist.objects.filter(person_id__in=people).values_list("work_id", flat=True))
    found = set()
    for chunk in storage.chunks(works, BATCH):
        found |= set(ArticlePage.videos.through.objects.filter(work_id__in=chunk)
                     .values_list("articlepage_id", flat=True))
    if people:
        found |= set(ArticlePage.people.through.objects.filter(person_id__in=people)
                     .values_list("articlepage_id", flat=True))
    if tags:
        found |= set(ArticleTag.objects.filter(tag_id__in=tags).values_list("content_object_id", flat=True))
    return found
