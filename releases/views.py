"""The calendar pages: a month, what is coming, one artist's releases, the feeds, following.

Each page is one range query over the stored first and last days of events (see models), plus
same-day clashes worked out over that page's handful of events, because they depend on which
artists the reader follows.
"""
import calendar
from datetime import date, timedelta

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from catalog.models import Person

from . import follows
from .clashes import find_clashes
from .display import month_name
from .ics import build_feed
from .models import ReleaseEvent

FIRST_YEAR, LAST_YEAR = 1850, 2100  # the years catalog.dates accepts
UPCOMING_PER_PAGE = 50
# The all-artist feed is for what is coming: a year of history keeps recent releases in a reader's
# calendar without sending every release since 1981 on each poll. Per-artist feeds keep it all.
FEED_PAST_DAYS = 365
FEED_CACHE_SECONDS = 24 * 3600
ARTIST_PAST_LIMIT = 100


def today() -> date:
    return timezone.localdate()


def followed_people(request) -> list[Person]:
    ids = follows.followed_ids(request)
    people = Person.objects.in_bulk(ids)
    return [people[i] for i in ids if i in people]


def calendar_context(request, events) -> dict:
    followed = followed_people(request)
    return {
        "followed": followed,
        "clashes": find_clashes(events, {p.pk for p in followed} or None),
        "coming_up": list(ReleaseEvent.objects.public().coming(today()).soonest_first()
                          .for_reading()[:5]),
    }


def bad_month(request, message: str):
    current = today()
    return render(request, "releases/not_found.html", {
        "message": message,
        "this_month_url": reverse("releases:month", args=[current.year, current.month]),
    }, status=404)


def month_view(request, year: int | None = None, month: int | None = None):
    current = today()
    if year is None:
        year, month = current.year, current.month
    if not 1 <= month <= 12:
        return bad_month(request, _("There is no month %(month)s: months run from 1 to 12.")
                         % {"month": month})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return bad_month(request, _("The calendar runs from %(first)s to %(last)s.")
                         % {"first": FIRST_YEAR, "last": LAST_YEAR})
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    events = list(ReleaseEvent.objects.public().overlapping(first, last).for_reading())
    by_day = {}
    for event in events:
        if event.day:
            by_day.setdefault(event.first_day, []).append(event)
    weeks = [[{"day": d, "in_month": d.month == month, "events": by_day.get(d, []),
               "is_today": d == current} for d in week]
             for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)]
    previous = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    previous = previous if previous.year >= FIRST_YEAR else None
    following = following if following.year <= LAST_YEAR else None
    language = get_language() or "en"
    context = {
        **calendar_context(request, events),
        "year": year,
        "month": month,
        "title": month_name(year, month, language),
        "previous_label": month_name(previous.year, previous.month, language) if previous else "",
        "next_label": month_name(following.year, following.month, language) if following else "",
        "weeks": weeks,
        "weekdays": weeks[0],
        "has_dated": bool(by_day),
        "month_only": [e for e in events if e.month and not e.day],
        "year_only": [e for e in events if not e.month],
        "previous": previous,
        "next": following,
        "is_current": (year, month) == (current.year, current.month),
    }
    return render(request, "releases/month.html", context)


def group_by_period(events, language: str) -> list[dict]:
    """Headings for a list: 'May 2026' over its dated and month-only events, '2027' over year-only."""
    groups = []
    for event in events:
        heading = month_name(event.year, event.month, language) if event.month else str(event.year)
        if not groups or groups[-1]["heading"] != heading:
            groups.append({"heading": heading, "events": []})
        groups[-1]["events"].append(event)
    return groups


def upcoming(request):
    events = ReleaseEvent.objects.public().coming(today()).soonest_first().for_reading()
    page = Paginator(events, UPCOMING_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    context = {
        **calendar_context(request, shown),
        "page": page,
        "groups": group_by_period(shown, get_language() or "en"),
    }
    return render(request, "releases/upcoming.html", context)


def artist_view(request, slug):
    person = get_object_or_404(Person, slug=slug)
    events = ReleaseEvent.objects.public().filter(artists=person).for_reading()
    coming = list(events.coming(today()).soonest_first())
    past = list(events.filter(last_day__lt=today()).order_by(
        "-first_day", "-last_day", F("time").desc(nulls_last=True), "-pk")[:ARTIST_PAST_LIMIT])
    return render(request, "releases/artist.html", {
        "person": person,
        "coming": group_by_period(coming, get_language() or "en"),
        "past": past,
        "past_limit": ARTIST_PAST_LIMIT,
    })


@require_safe
def follow(request):
    """A GET, like the language switch: pages with the button then carry no CSRF token, so a
    shared cache can keep them (deepcuts.cache). All it changes is this reader's own cookie."""
    person = get_object_or_404(Person, slug=request.GET.get("person", ""))
    ids = follows.with_follow(follows.followed_ids(request), person.pk,
                              follow=request.GET.get("follow") != "0")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = person.get_absolute_url()
    response = redirect(target)
    follows.store(request, response, ids)
    return response


def feed_events(slug: str | None = None):
    events = ReleaseEvent.objects.public().filter(day__isnull=False)
    if slug is None:
        events = events.coming(today() - timedelta(days=FEED_PAST_DAYS))
    else:
        person = Person.objects.filter(slug=slug).first()
        if person is None:
            raise Http404(_("No artist has the address “%(slug)s”.") % {"slug": slug})
        events = events.filter(artists=person)
    return events


def feed_etag(request, slug: str | None = None):
    """Changes with any edit, addition or removal, so calendar apps polling get 304s."""
    try:
        stats = feed_events(slug).aggregate(count=Count("pk"), newest=Max("updated_at"))
    except Http404:
        return None
    newest = stats["newest"].timestamp() if stats["newest"] else 0
    return f"{stats['count']}-{newest}-{get_language()}-{today()}"


def ics_response(events, name: str, filename: str, request, slug: str | None = None) -> HttpResponse:
    """The feed, built once per version: building is ~1.5 ms an event, and every subscribed
    calendar app asks again every few hours whether or not anything changed."""
    base_url = f"{request.scheme}://{request.get_host()}"
    key = f"releases:ics:{slug or ''}:{base_url}:{feed_etag(request, slug)}"
    body = cache.get(key)
    if body is None:
        body = build_feed(events.for_reading(), name, base_url)
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@condition(etag_func=feed_etag)
def calendar_ics(request):
    return ics_response(feed_events(), _("Deep Cuts: releases"), "deepcuts-releases.ics", request)


@condition(etag_func=feed_etag)
def artist_ics(request, slug):
    events = feed_events(slug)
    person = Person.objects.get(slug=slug)
    return ics_response(events, _("Deep Cuts: %(artist)s releases") % {"artist": person.name},
                        f"deepcuts-{slug}.ics", request, slug)
