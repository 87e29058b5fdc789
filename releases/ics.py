"""The iCalendar feeds: every release, or one artist's, for calendar apps to subscribe to.

Only events known to the day go in. A calendar app must put an event on a day: a release known
only as "May 2026" would land on 1 May (or on every day of May) and look like a promise we
cannot make, so month- and year-only events stay on the web pages until the day is announced.
Day-only events are all-day events; timed ones carry the zone they were announced in (TZID) with
its VTIMEZONE, so each reader's app converts them to the reader's clock.
"""
from datetime import timedelta

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import ReleaseEvent

STATUS = {
    ReleaseEvent.Status.CONFIRMED: "CONFIRMED",
    ReleaseEvent.Status.ANNOUNCED: "TENTATIVE",
    # Moved to a date not yet fixed: the old date still stands in the feed, so it stays tentative.
    ReleaseEvent.Status.POSTPONED: "TENTATIVE",
    ReleaseEvent.Status.CANCELLED: "CANCELLED",
}
UID_DOMAIN = "deepcuts"


def in_feed(event: ReleaseEvent) -> bool:
    return event.precision in ("day", "time")


def summary(event: ReleaseEvent) -> str:
    names = [person.name for person in event.artists.all()]
    title = f"{get_text_list(names, _('and'))} — {event.title}" if names else event.title
    if event.status == ReleaseEvent.Status.POSTPONED:
        return _("Postponed: %(title)s") % {"title": title}
    return title


def vevent(event: ReleaseEvent, base_url: str) -> Event:
    item = Event()
    item.add("uid", f"{event.uid}@{UID_DOMAIN}")
    item.add("dtstamp", event.updated_at)
    item.add("last-modified", event.updated_at)
    item.add("summary", summary(event))
    moment = event.starts_at()
    if moment is not None:
        item.add("dtstart", moment)
    else:
        item.add("dtstart", event.first_day)
        item.add("dtend", event.first_day + timedelta(days=1))
    item.add("status", STATUS[event.status])
    item.add("categories", [str(event.get_kind_display())])
    lines = [str(event.get_kind_display()), str(event.get_status_display())]
    if event.source_url:
        lines.append(event.source_url)
    item.add("description", "\n".join(lines))
    if event.work_id:
        item.add("url", base_url + event.work.get_absolute_url())
    return item


def build_feed(events, name: str, base_url: str) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//Deep Cuts//Release calendar//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    days = []
    for event in events:
        if in_feed(event):
            feed.add_component(vevent(event, base_url))
            if event.precision == "time":
                days.append(event.first_day)
    if days:
        # Zone rules only for the years the feed's times fall in, not icalendar's default 1970-2038.
        feed.add_missing_timezones(first_date=min(days).replace(month=1, day=1),
                                   last_date=max(days).replace(month=12, day=31))
    return feed.to_ical()
