"""Public catalog pages: a music video, any other work, a person or group."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from deepcuts.compiled import CompiledQuery
from editorial.cards import cards
from editorial.models import ArticlePage

from . import snapshots
from .models import ROLE_ORDER, Credit, Person, Work, WorkLink, artists_with_people
from .structured_data import person_ld, work_ld

# The rows every video and person page starts from: compiled once, not per request.
video_named = CompiledQuery(
    lambda slug: Work.objects.filter(slug=slug).select_related("album", "snapshot")[:1], values={"slug": str})
person_named = CompiledQuery(
    lambda slug: Person.objects.filter(slug=slug).select_related("snapshot")[:1], values={"slug": str})
finished_look = CompiledQuery(
    lambda work_id: _finished_looks().filter(work_id=work_id).order_by("pk")[:1], values={"work_id": int})


def _finished_looks():
    from looks.models import VideoLook

    return VideoLook.objects.filter(status=VideoLook.Status.DONE)


def one_or_404(rows: list):
    """The one row a page's compiled query found, or the 404 `get_object_or_404` would raise."""
    if not rows:
        raise Http404("No such page.")
    return rows[0]


def work_queryset():
    return Work.objects.select_related("album").prefetch_related(*snapshots.WORK_PREFETCH)


def links_of(work: Work) -> tuple[list[WorkLink], list[WorkLink]]:
    """The work's links to other works and theirs to it, in one query (a prefetch per side would
    be two)."""
    links = list(WorkLink.objects.filter(Q(source=work) | Q(target=work)).select_related("source", "target"))
    return ([link for link in links if link.source_id == work.pk],
            [link for link in links if link.target_id == work.pk])


# Which articles are about a work, or about a person or a work they are credited on: from the link
# tables first, so the page query needs no DISTINCT over page rows. Compiled once, not per request.
articles_on_work = CompiledQuery(
    lambda work_id: ArticlePage.videos.through.objects.filter(work_id=work_id)
    .values_list("articlepage_id", flat=True), values={"work_id": int})
articles_on_person = CompiledQuery(
    lambda person_id: ArticlePage.videos.through.objects
    .filter(work_id__in=Credit.objects.filter(person_id=person_id).values("work_id"))
    .values_list("articlepage_id", flat=True)
    .union(ArticlePage.people.through.objects.filter(person_id=person_id)
           .values_list("articlepage_id", flat=True)), values={"person_id": int})


def articles_about(ids, limit: int = 10):
    """The live articles among these ids, newest first."""
    return cards(ArticlePage.objects.live().public().filter(pk__in=set(ids)).order_by("-date", "-pk")[:limit])


def look_context(work: Work) -> dict:
    """The stored look and the videos stored as most similar to it (see looks.analysing)."""
    look = next(iter(finished_look(work_id=work.pk)), None)
    if look is None:
        return {}
    works = Work.objects.prefetch_related(artists_with_people()).in_bulk([wid for wid, _ in look.similar])
    return {"look": look, "similar": [works[wid] for wid, _ in look.similar if wid in works]}


def work_context(work: Work) -> dict:
    links_out, links_in = links_of(work)
    credits = sorted(work.credits.all(), key=lambda c: (ROLE_ORDER[c.role], c.sort_order))
    return {
        **look_context(work),
        "work": work,
        "artists": [a.person for a in work.artists.all()],
        "titles": work.titles.all(),
        "credits": credits,
        "links_out": links_out,
        "links_in": links_in,
        "articles": articles_about(articles_on_work(work_id=work.pk)),
    }


def video_detail(request, slug):
    video = one_or_404(video_named(slug=slug))
    if video.kind != Work.Kind.MUSIC_VIDEO:
        return redirect(video.get_absolute_url(), permanent=True)
    data = snapshots.stored(video)
    if data is None:  # not built yet, or just dropped by an edit: the same form, live
        data = snapshots.snapshot_of(Work.objects.prefetch_related(*snapshots.WORK_PREFETCH).get(pk=video.pk))
    shown = snapshots.Shown(video, data)
    context = {**look_context(video), **vars(shown), "work": video,
               "articles": articles_about(articles_on_work(work_id=video.pk))}
    context["structured_data"] = work_ld(video, shown.credits, shown.artists, request)
    return render(request, "catalog/video_detail.html", context)


def work_detail(request, slug):
    work = get_object_or_404(work_queryset(), slug=slug)
    if work.kind == Work.Kind.MUSIC_VIDEO:
        return redirect(work.get_absolute_url(), permanent=True)
    context = work_context(work)
    context["structured_data"] = work_ld(work, context["credits"], context["artists"], request)
    if work.kind == Work.Kind.ALBUM:
        context["tracks"] = (work.tracks.filter(kind=Work.Kind.MUSIC_VIDEO)
                             .order_by("release_year", "release_month", "release_day"))
    return render(request, "catalog/work_detail.html", context)


def person_detail(request, slug):
    person = one_or_404(person_named(slug=slug))
    data = snapshots.stored(person)
    if data is None:  # not built yet, or just dropped by an edit: the same form, live
        data = snapshots.person_snapshot_of(
            Person.objects.prefetch_related(*snapshots.person_prefetch()).get(pk=person.pk))
    shown = snapshots.PersonShown(data)
    # Only artists get a follow button (releases.formatting.follow_context): known from here already.
    person._is_artist = shown.is_artist
    context = {
        **vars(shown),
        "person": person,
        "structured_data": person_ld(person, shown.names, request.build_absolute_uri()),
        "articles": articles_about(articles_on_person(person_id=person.pk)),
    }
    return render(request, "catalog/person_detail.html", context)
