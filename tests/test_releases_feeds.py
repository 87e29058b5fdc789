"""The calendar for machines: iCalendar feeds that calendar apps import, and /api/v1/calendar."""
from datetime import date, datetime, time

import pytest
from django.utils import timezone
from icalendar import Calendar

from catalog.models import Person
from releases.models import ReleaseEvent

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


def event(title: str, *artists, year=NEXT_YEAR, month=5, day=24, **fields) -> ReleaseEvent:
    made = ReleaseEvent.objects.create(title=title, year=year, month=month, day=day,
                                       kind=fields.pop("kind", ReleaseEvent.Kind.ALBUM), **fields)
    made.artists.set(artists)
    return made


def feed(client, path="/calendar.ics") -> dict:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(item["UID"]): item for item in calendar.walk("VEVENT")}


@pytest.fixture
def rm():
    return Person.objects.get(slug="rm")


# ------------------------------------------------------------------ iCalendar

def test_day_events_are_all_day_and_timed_events_carry_their_zone(client, rm):
    day = event("Day Album", rm, status=ReleaseEvent.Status.ANNOUNCED)
    events = feed(client)
    item = events[f"{day.uid}@deepcuts"]
    assert item["DTSTART"].params.get("VALUE") == "DATE"
    assert type(item.decoded("DTSTART")) is date and item.decoded("DTSTART") == date(NEXT_YEAR, 5, 24)
    assert item.decoded("DTEND") == date(NEXT_YEAR, 5, 25)
    assert str(item["STATUS"]) == "TENTATIVE"
    assert str(item["SUMMARY"]) == "RM — Day Album"

    timed = feed(client, "/calendar/artist/rm.ics")["demo-rm-right-place-wrong-person@deepcuts"]
    assert timed["DTSTART"].params["TZID"] == "Asia/Seoul"
    start = timed.decoded("DTSTART")
    assert isinstance(start, datetime) and start.utcoffset().total_seconds() == 9 * 3600
    assert (start.hour, start.minute) == (13, 0)
    assert str(timed["STATUS"]) == "CONFIRMED"


def test_the_feed_names_the_zones_it_uses(client, rm):
    event("Seoul Premiere", rm, time=time(18), timezone="Asia/Seoul")
    event("Moscow Premiere", rm, day=25, time=time(20), timezone="Europe/Moscow")
    response = client.get("/calendar.ics")
    zones = {str(tz["TZID"]) for tz in Calendar.from_ical(response.content).walk("VTIMEZONE")}
    assert zones == {"Asia/Seoul", "Europe/Moscow"}


def test_the_all_artist_feed_keeps_a_year_of_history_and_artist_feeds_keep_all(client, rm):
    recent = event("Recent Album", rm, year=timezone.localdate().year, month=timezone.localdate().month,
                   day=timezone.localdate().day)
    everything = feed(client)
    assert f"{recent.uid}@deepcuts" in everything
    assert "demo-rm-right-place-wrong-person@deepcuts" not in everything  # May 2024
    assert "demo-rm-right-place-wrong-person@deepcuts" in feed(client, "/calendar/artist/rm.ics")


def test_statuses_map_to_icalendar(client, rm):
    cancelled = event("Cancelled Album", rm, status=ReleaseEvent.Status.CANCELLED)
    postponed = event("Postponed Album", rm, day=25, status=ReleaseEvent.Status.POSTPONED)
    events = feed(client)
    assert str(events[f"{cancelled.uid}@deepcuts"]["STATUS"]) == "CANCELLED"
    moved = events[f"{postponed.uid}@deepcuts"]
    assert str(moved["STATUS"]) == "TENTATIVE" and str(moved["SUMMARY"]).startswith("Postponed:")


def test_month_and_year_only_events_stay_out_of_the_feed(client, rm):
    vague = [event("Month Album", rm, day=None), event("Year Album", rm, month=None, day=None)]
    summaries = {str(item["SUMMARY"]) for item in feed(client).values()}
    assert not any("Month Album" in s or "Year Album" in s for s in summaries)
    assert not any(f"{e.uid}@deepcuts" in feed(client) for e in vague)
    # The catalog's month-only "Sanctuary" (June 2019) is not pinned to a day either.
    assert not any("Sanctuary" in s for s in summaries)


def test_uids_stay_the_same_when_an_event_changes(client, rm):
    made = event("Moving Album", rm)
    before = set(feed(client))
    made.day, made.time, made.timezone = 26, time(18), "Europe/Moscow"
    made.save()
    after = feed(client)
    assert set(after) == before
    assert after[f"{made.uid}@deepcuts"]["DTSTART"].params["TZID"] == "Europe/Moscow"


def test_artist_feed_has_only_that_artists_releases(client, rm):
    other = Person.objects.get(slug="joji")
    event("RM Album", rm)
    event("Joji Album", other)
    summaries = {str(item["SUMMARY"]) for item in feed(client, "/calendar/artist/rm.ics").values()}
    assert "RM — RM Album" in summaries
    assert not any("Joji" in s for s in summaries)


def test_an_unchanged_feed_answers_not_modified(client, rm):
    first = client.get("/calendar.ics")
    etag = first["ETag"]
    assert client.get("/calendar.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    made = event("Fresh Album", rm)
    assert client.get("/calendar.ics", HTTP_IF_NONE_MATCH=etag).status_code == 200
    etag = client.get("/calendar.ics")["ETag"]
    made.artists.add(Person.objects.get(slug="joji"))  # a new artist changes the summary
    assert client.get("/calendar.ics", HTTP_IF_NONE_MATCH=etag).status_code == 200


# ------------------------------------------------------------------ API

def test_api_lists_events_with_precision_and_span(client, rm):
    event("Month Album", rm, day=None, kind=ReleaseEvent.Kind.ALBUM)
    body = client.get("/api/v1/calendar", {"from": f"{NEXT_YEAR}-05-10", "to": f"{NEXT_YEAR}-05-10"}).json()
    [item] = body["items"]
    assert body["count"] == 1
    assert item["date"] == f"{NEXT_YEAR}-05" and item["precision"] == "month"
    assert (item["first_day"], item["last_day"]) == (f"{NEXT_YEAR}-05-01", f"{NEXT_YEAR}-05-31")
    assert item["display"] == f"May {NEXT_YEAR}, day to be announced"
    assert item["artists"] == [{"slug": "rm", "name": "RM", "url": "/people/rm/"}]


def test_api_filters_by_artist_kind_and_status_and_pages(client, rm):
    event("Single", rm, kind=ReleaseEvent.Kind.SINGLE, status=ReleaseEvent.Status.CONFIRMED)
    event("Album", rm, day=25, status=ReleaseEvent.Status.ANNOUNCED)
    body = client.get("/api/v1/calendar", {"artist": "rm", "from": f"{NEXT_YEAR}-01-01"}).json()
    assert [i["title"] for i in body["items"]] == ["Single", "Album"]
    singles = client.get("/api/v1/calendar", {"kind": "single"}).json()["items"]
    assert [i["title"] for i in singles] == ["Single"]
    announced = client.get("/api/v1/calendar", {"status": "announced", "artist": "rm"}).json()["items"]
    assert [i["title"] for i in announced] == ["Album"]
    everything = client.get("/api/v1/calendar", {"limit": 5}).json()
    assert len(everything["items"]) == 5 and everything["count"] > 5
    timed = client.get("/api/v1/calendar", {"from": "2024-05-24", "to": "2024-05-24"}).json()["items"][0]
    assert timed["starts_at"] == "2024-05-24T13:00:00+09:00" and timed["time"] == "13:00"
    assert timed["display"] == "24 May 2024, 13:00 KST (Asia/Seoul)"


def test_api_errors_are_sentences(client):
    response = client.get("/api/v1/calendar", {"artist": "nobody-at-all"})
    assert response.status_code == 404 and "nobody-at-all" in response.json()["detail"]
    response = client.get("/api/v1/calendar", {"from": "2024-06-01", "to": "2024-05-01"})
    assert response.status_code == 422 and "swap them" in response.json()["detail"]
    response = client.get("/api/v1/calendar", {"kind": "concert"})
    assert response.status_code == 422 and response.json()["detail"]
    response = client.get("/api/v1/calendar/clashes", {"from": "2000-01-01", "to": "2020-01-01"})
    assert response.status_code == 422 and "three years" in response.json()["detail"]


def test_api_clashes_for_everyone_and_for_followed_artists(client, rm):
    newjeans = Person.objects.create(name="NewJeans", slug="newjeans-test", kind=Person.Kind.GROUP)
    joji = Person.objects.get(slug="joji")
    event("RM Album", rm)
    event("NewJeans Album", newjeans)
    event("Joji Album", joji)
    span = {"from": f"{NEXT_YEAR}-01-01", "to": f"{NEXT_YEAR}-12-31"}
    [clash] = client.get("/api/v1/calendar/clashes", span).json()
    assert clash["date"] == f"{NEXT_YEAR}-05-24"
    assert {a["slug"] for a in clash["artists"]} == {"rm", "newjeans-test", "joji"}
    followed = client.get("/api/v1/calendar/clashes", {**span, "artist": ["rm", "newjeans-test"]}).json()
    assert [c["sentence"] for c in followed] == ["RM and NewJeans release on the same day"]
    assert {e["title"] for e in followed[0]["events"]} == {"RM Album", "NewJeans Album"}
    assert client.get("/api/v1/calendar/clashes", {"artist": "nobody-at-all"}).status_code == 404
