"""The release calendar: events follow the catalog and accepted facts, pages show dates only as
precisely as they were announced, and readers hear when artists they follow release on one day."""
from datetime import date, time

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from catalog.models import Person, Work, WorkArtist
from releases.clashes import find_clashes
from releases.follows import COOKIE
from releases.models import ReleaseEvent

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def artist(name: str, slug: str) -> Person:
    return Person.objects.create(name=name, slug=slug, kind=Person.Kind.GROUP)


def event(title: str, *artists, year=NEXT_YEAR, month=5, day=24, **fields) -> ReleaseEvent:
    made = ReleaseEvent.objects.create(title=title, year=year, month=month, day=day,
                                       kind=fields.pop("kind", ReleaseEvent.Kind.ALBUM), **fields)
    made.artists.set(artists)
    return made


def reread(events):
    return list(ReleaseEvent.objects.filter(pk__in=[e.pk for e in events]).prefetch_related("artists"))


@pytest.fixture
def rm():
    return Person.objects.get(slug="rm")


@pytest.fixture
def newjeans():
    return artist("NewJeans", "newjeans-test")


# ------------------------------------------------------------------ clashes

def test_two_artists_on_the_same_day_clash(rm, newjeans):
    album = event("Album A", rm)
    other = event("Album B", newjeans)
    [clash] = find_clashes(reread([album, other]))
    assert clash.day == date(NEXT_YEAR, 5, 24)
    assert {a.name for a in clash.artists} == {"RM", "NewJeans"}
    assert {e.title for e in clash.events} == {"Album A", "Album B"}


def test_one_artists_album_and_video_on_one_day_are_not_a_clash(rm):
    events = [event("Album", rm), event("Video", rm, kind=ReleaseEvent.Kind.VIDEO_PREMIERE)]
    assert find_clashes(reread(events)) == []


def test_releases_known_only_to_the_month_never_clash(rm, newjeans):
    events = [event("Album A", rm, day=None), event("Album B", newjeans, day=None)]
    assert find_clashes(reread(events)) == []


def test_cancelled_and_postponed_releases_do_not_clash(rm, newjeans):
    events = [event("Album A", rm), event("Album B", newjeans, status=ReleaseEvent.Status.CANCELLED)]
    assert find_clashes(reread(events)) == []
    events[1].status = ReleaseEvent.Status.POSTPONED
    events[1].save()
    assert find_clashes(reread(events)) == []


def test_with_follows_only_followed_artists_count(rm, newjeans):
    stranger = artist("Somebody Else", "somebody-else-test")
    events = reread([event("Album A", rm), event("Album B", newjeans), event("Album C", stranger)])
    [clash] = find_clashes(events, followed={rm.pk, newjeans.pk})
    assert {a.name for a in clash.artists} == {"RM", "NewJeans"}
    assert "Album C" not in {e.title for e in clash.events}
    # One followed artist cannot clash with anyone; everybody else is not the reader's concern.
    assert find_clashes(events, followed={rm.pk}) == []
    # With no follows at all, every artist counts.
    assert {a.name for a in find_clashes(events)[0].artists} == {"RM", "NewJeans", "Somebody Else"}


def test_month_page_calls_out_followed_artists_on_the_same_day(english, rm, newjeans):
    stranger = artist("Somebody Else", "somebody-else-test")
    event("Album A", rm)
    event("Album B", newjeans)
    event("Single C", stranger, day=25)
    event("Album D", stranger, day=25, kind=ReleaseEvent.Kind.SINGLE)
    english.cookies[COOKIE] = f"{rm.pk}.{newjeans.pk}"
    page = soup(english.get(f"/calendar/{NEXT_YEAR}/5/"))
    sentences = [s.get_text(" ", strip=True) for s in page.select(".clash-sentence")]
    assert sentences == [f"RM and NewJeans release on the same day 24 May {NEXT_YEAR}"]
    assert "Artists you follow" in page.select_one(".clashes h2").get_text()


def test_with_no_follows_the_page_calls_out_every_same_day_release(english, rm, newjeans):
    event("Album A", rm)
    event("Album B", newjeans)
    page = soup(english.get(f"/calendar/{NEXT_YEAR}/5/"))
    assert page.select_one(".clash-sentence strong").get_text() == "RM and NewJeans release on the same day"


# ------------------------------------------------------------------ sync with the catalog

def derived(work):
    return ReleaseEvent.objects.derived().filter(work=work).first()


def test_a_dated_work_gets_an_event_that_follows_its_changes(rm):
    work = Work.objects.create(kind=Work.Kind.ALBUM, title="Test Album", slug="test-album",
                               release_year=NEXT_YEAR, release_status="announced")
    WorkArtist.objects.create(work=work, person=rm)
    made = derived(work)
    assert made.origin == "catalog" and made.kind == "album" and made.status == "announced"
    assert made.precision == "year" and [a.slug for a in made.artists.all()] == ["rm"]

    work.release_month, work.release_day, work.release_status = 3, 14, "confirmed"
    work.title = "Test Album (Deluxe)"
    work.save()
    made = derived(work)
    assert (made.first_day, made.last_day) == (date(NEXT_YEAR, 3, 14), date(NEXT_YEAR, 3, 14))
    assert made.title == "Test Album (Deluxe)" and made.status == "confirmed"
    assert made.uid == f"work-{work.pk}"

    work.release_year = work.release_month = work.release_day = None
    work.save()
    assert derived(work) is None


def test_deleting_a_work_deletes_its_event_and_artist_changes_follow():
    work = Work.objects.create(kind=Work.Kind.SONG, title="Test Single", slug="test-single",
                               release_year=NEXT_YEAR, release_month=2)
    band = artist("Test Band", "test-band")
    WorkArtist.objects.create(work=work, person=band)
    assert [a.name for a in derived(work).artists.all()] == ["Test Band"]
    WorkArtist.objects.filter(work=work).delete()
    assert list(derived(work).artists.all()) == []
    pk = derived(work).pk
    work.delete()
    assert not ReleaseEvent.objects.filter(pk=pk).exists()


def test_deleting_a_work_that_still_has_artists_leaves_no_event_behind():
    """Its artists are deleted first, as part of deleting it; re-deriving its event then left a
    row pointing at the deleted work, and the delete failed at commit."""
    work = Work.objects.create(kind=Work.Kind.SONG, title="Test Single", slug="test-single",
                               release_year=NEXT_YEAR, release_month=2)
    WorkArtist.objects.create(work=work, person=artist("Test Band", "test-band"))
    pk = work.pk
    work.delete()
    assert not ReleaseEvent.objects.filter(work_id=pk).exists()
    Work.objects.filter(slug="joji-run").delete()  # as a queryset, as the admin's bulk delete does
    assert not ReleaseEvent.objects.filter(work__isnull=False, uid__startswith="work-").exclude(
        work__in=Work.objects.all()).exists()


def test_a_hand_made_event_replaces_the_catalog_one_until_it_is_deleted():
    work = Work.objects.get(slug="joji-run")
    assert derived(work) is not None
    premiere = ReleaseEvent.objects.create(work=work, kind=ReleaseEvent.Kind.VIDEO_PREMIERE, year=2020,
                                           month=2, day=6, time=time(9), timezone="America/Los_Angeles",
                                           status=ReleaseEvent.Status.CONFIRMED)
    assert premiere.title == "Run"
    assert derived(work) is None
    assert ReleaseEvent.objects.filter(work=work).count() == 1
    premiere.is_published = False  # kept to editors: the catalog's event shows meanwhile
    premiere.save()
    assert derived(work) is not None
    premiere.is_published = True
    premiere.save()
    assert derived(work) is None
    premiere.delete()
    assert derived(work).origin == "catalog"


def test_an_accepted_release_date_becomes_an_event_citing_its_article(django_capture_on_commit_callbacks):
    from imports.importing import queue_import
    from imports.models import ImportedArticle
    from imports.review import accept

    text = ("Velvet Static — «Neon Vigil»\n\nКлип «Neon Vigil» вышел 10 мая 2024 года. "
            "Режиссёром выступила Инес Колдуэлл.\n")
    with django_capture_on_commit_callbacks(execute=True):
        item, _ = queue_import("article.txt", text)
    item = ImportedArticle.objects.get(pk=item.pk)  # as the worker left it
    proposal = item.proposals.get(kind="release_date")
    accept(proposal)
    made = ReleaseEvent.objects.get(work__title="Neon Vigil")
    assert made.origin == "fact"
    assert made.when.isoformat() == "2024-05-10"
    assert made.source_article_id == item.page_id
    assert "10 мая 2024" in made.source_quote
    assert [a.name for a in made.artists.all()] == ["Velvet Static"]
    # A date typed into the catalog later is no longer the article's.
    work = made.work
    work.release_day = 11
    work.save()
    made.refresh_from_db()
    assert made.origin == "catalog" and made.source_article is None and made.day == 11


def test_migrate_catches_up_with_works_dated_before_the_calendar():
    from releases.sync import sync_all

    work = Work.objects.get(slug="joji-nectar")
    ReleaseEvent.objects.filter(work=work).delete()
    Work.objects.filter(pk=work.pk).update(release_day=None)  # a bulk update sends no signal
    assert sync_all() == 1
    assert derived(work).when.isoformat() == "2020-09"
    assert derived(work).first_day == date(2020, 9, 1) and derived(work).last_day == date(2020, 9, 30)
    assert [a.slug for a in derived(work).artists.all()] == ["joji"]
    assert sync_all() == 0


def test_an_impossible_date_saved_by_code_keeps_the_work_off_the_calendar():
    work = Work.objects.create(kind=Work.Kind.ALBUM, title="Leap", slug="leap-test",
                               release_year=2025, release_month=2, release_day=29)
    assert Work.objects.filter(pk=work.pk).exists() and derived(work) is None


# ------------------------------------------------------------------ pages

def test_month_view_puts_dated_events_on_their_day_and_names_the_time_zone(english):
    page = soup(english.get("/calendar/2024/5/"))
    assert page.h1.get_text() == "May 2024"
    day = page.find("time", attrs={"datetime": "2024-05-10"}).find_parent(class_="day")
    assert "Come Back to Me" in day.get_text()
    assert "13:00 KST (Asia/Seoul)" in day.select_one(".event-clock").get_text()
    assert page.select_one("a[rel=prev]")["href"] == "/calendar/2024/4/"
    assert page.select_one("a[rel=next]")["href"] == "/calendar/2024/6/"


def test_a_month_only_release_is_never_pinned_to_a_day(english):
    page = soup(english.get("/calendar/2019/6/"))
    for day in page.select(".day"):
        assert "Sanctuary" not in day.get_text()
    vague = page.select_one(".vague")
    assert "day to be announced" in vague.h2.get_text()
    assert "June 2019, day to be announced" in vague.select_one(".event-when").get_text()


def test_year_only_releases_say_the_date_is_to_be_announced(english):
    page = soup(english.get("/calendar/2003/7/"))
    assert "2003, date to be announced" in page.find(string="Oldboy").find_parent("li").get_text()


def test_month_view_in_russian(russian):
    page = soup(russian.get("/calendar/2024/5/"))
    assert page.h1.get_text() == "Май 2024"
    assert page.select_one("a[rel=next]").get_text(strip=True).startswith("Июнь 2024")


def test_current_month_is_the_default(english):
    today = timezone.localdate()
    page = soup(english.get("/calendar/"))
    assert page.find("time", attrs={"datetime": today.isoformat()}) is not None


def test_a_bad_month_is_a_friendly_404(english):
    response = english.get("/calendar/2026/13/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert "There is no month 13: months run from 1 to 12." in page.get_text()
    today = timezone.localdate()
    assert page.select_one("a.button")["href"] == f"/calendar/{today.year}/{today.month}/"
    assert english.get("/calendar/1200/5/").status_code == 404
    assert english.get("/calendar/2026/0/").status_code == 404


def test_upcoming_lists_dated_releases_before_vague_ones_and_leaves_the_past_out(english, rm):
    event("Vague Album", rm, day=None, month=None)
    event("May Album", rm, day=None)
    event("Dated Single", rm, day=30, kind=ReleaseEvent.Kind.SINGLE)
    event("Early Single", rm, day=2, kind=ReleaseEvent.Kind.SINGLE)
    page = soup(english.get("/calendar/upcoming/"))
    titles = [t.get_text() for t in page.select(".event-title")]
    assert titles == ["Early Single", "Dated Single", "May Album", "Vague Album"]
    headings = [h.get_text() for h in page.select(".period h2")]
    assert headings == [f"May {NEXT_YEAR}", str(NEXT_YEAR)]
    assert "Right Place, Wrong Person" not in page.get_text()


def test_upcoming_pages_through_a_long_list_soonest_first(english, rm, monkeypatch):
    monkeypatch.setattr("releases.views.UPCOMING_PER_PAGE", 2)
    for day in (3, 1, 2):
        event(f"Single {day}", rm, day=day, kind=ReleaseEvent.Kind.SINGLE)
    first = soup(english.get("/calendar/upcoming/"))
    assert [t.get_text() for t in first.select(".event-title")] == ["Single 1", "Single 2"]
    assert "Page 1 of 2" in first.select_one(".pager").get_text()
    assert first.select_one(".pager a[rel=prev]") is None
    later = first.select_one(".pager a[rel=next]")["href"]
    second = soup(english.get("/calendar/upcoming/" + later))
    assert [t.get_text() for t in second.select(".event-title")] == ["Single 3"]
    assert second.select_one(".pager a[rel=prev]")["href"] == "?page=1"


def test_an_artists_long_past_is_cut_to_the_latest_and_says_so(english, rm, monkeypatch):
    monkeypatch.setattr("releases.views.ARTIST_PAST_LIMIT", 2)
    for year in (2001, 2002, 2003):
        event(f"Album {year}", rm, year=year)
    page = soup(english.get("/calendar/artist/rm/"))
    past = page.select_one(".past")
    assert [t.get_text() for t in past.select(".event-title")][-1] != "Album 2001"
    assert len(past.select(".event-title")) == 2
    assert "Only the latest 2 are listed." in past.get_text()


def test_artist_page_lists_coming_and_past_releases(english, rm):
    event("Future Album", rm)
    page = soup(english.get("/calendar/artist/rm/"))
    assert page.h1.get_text() == "RM: releases"
    coming = page.find("h2", string="Coming up").find_next("ul")
    assert "Future Album" in coming.get_text()
    past = page.select_one(".past").get_text()
    assert past.index("Right Place, Wrong Person") < past.index("Come Back to Me")  # newest first
    assert "Nectar" not in page.get_text()  # somebody else's


def test_unknown_artist_is_a_404(english):
    assert english.get("/calendar/artist/nobody-at-all/").status_code == 404
    assert english.get("/calendar/artist/nobody-at-all.ics").status_code == 404


def test_person_page_shows_upcoming_releases_and_a_follow_button(english, rm):
    event("Future Album", rm, status=ReleaseEvent.Status.ANNOUNCED)
    page = soup(english.get("/people/rm/"))
    block = page.select_one(".person-releases")
    assert "Future Album" in block.get_text()
    assert "Announced" in block.select_one(".event-status").get_text()
    assert page.select_one(".follow-button").get_text() == "Follow releases"
    # Crew who release nothing get neither.
    crew = soup(english.get("/people/kim-woo-hyung/"))
    assert crew.select_one(".follow-button") is None and crew.select_one(".person-releases") is None


def test_following_and_unfollowing_an_artist(english, rm, newjeans):
    response = english.get("/calendar/follow/", {"person": "rm", "follow": "1", "next": "/people/rm/"})
    assert response.status_code == 302 and response["Location"] == "/people/rm/"
    english.get("/calendar/follow/", {"person": newjeans.slug, "follow": "1"})
    assert english.cookies[COOKIE].value == f"{rm.pk}.{newjeans.pk}"
    assert soup(english.get("/people/rm/")).select_one(".follow-button").get_text() == "Following"
    page = soup(english.get("/calendar/upcoming/"))
    assert [a.get_text() for a in page.select(".follows a")] == ["RM", "NewJeans"]

    english.get("/calendar/follow/", {"person": "rm", "follow": "0"})
    assert english.cookies[COOKIE].value == str(newjeans.pk)
    # Somewhere else entirely is not a place to send the reader back to.
    response = english.get("/calendar/follow/", {"person": "rm", "next": "https://evil.example/"})
    assert response["Location"] == "/people/rm/"
    assert english.get("/calendar/follow/", {"person": "nobody-at-all"}).status_code == 404


def test_an_artists_page_with_the_follow_button_stays_shareable_by_a_page_cache(client):
    from django.test import Client

    response = Client().get("/people/rm/")
    assert response.status_code == 200 and "follow-button" in response.content.decode()
    assert not response.cookies and response["Cache-Control"].startswith("public")


def test_a_garbled_follow_cookie_is_ignored(english):
    english.cookies[COOKIE] = "abc.;DROP.-1.99999999"
    assert english.get("/calendar/2024/5/").status_code == 200


# ------------------------------------------------------------------ validation

def test_an_event_explains_what_is_wrong_with_its_date():
    from django.core.exceptions import ValidationError

    bad = ReleaseEvent(title="X", year=NEXT_YEAR, month=5, day=24, time=time(13))
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "Say which time zone" in caught.value.message_dict["timezone"][0]
    bad.timezone, bad.day = "Mars/Olympus", None
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "A time needs the day" in caught.value.message_dict["time"][0]
    assert "is not a time zone we know" in caught.value.message_dict["timezone"][0]
    bad = ReleaseEvent(title="X", year=NEXT_YEAR, month=2, day=30)
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "February has no day 30" in caught.value.message_dict["day"][0]


# ------------------------------------------------------------------ the admin

@pytest.fixture
def editor(client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("cal-editor", "cal@example.com", "pw-for-tests")
    client.force_login(user)
    return client


def event_form(**overrides):
    data = {"title": "", "kind": "video_premiere", "work": "", "year": str(NEXT_YEAR), "month": "3",
            "day": "14", "time": "", "timezone": "", "status": "announced", "source_url": "", "note": "",
            "is_published": "on"}
    data.update(overrides)
    return data


def test_an_editor_adds_a_timed_premiere_for_a_catalog_video(editor):
    work = Work.objects.get(slug="joji-glimpse-of-us")
    response = editor.post("/admin/snippets/releases/releaseevent/add/",
                           event_form(work=str(work.pk), time="18:00", timezone="Europe/Moscow"))
    assert response.status_code == 302, response.content.decode()[:3000]
    made = ReleaseEvent.objects.get(work=work)  # the catalog's own event has given way
    assert made.origin == "editor" and made.title == "Glimpse of Us"
    assert [a.slug for a in made.artists.all()] == ["joji"]  # taken from the work
    assert made.starts_at().isoformat() == f"{NEXT_YEAR}-03-14T18:00:00+03:00"


def test_a_bad_event_re_renders_with_the_reason_and_keeps_the_input(editor):
    response = editor.post("/admin/snippets/releases/releaseevent/add/",
                           event_form(title="Typed Title", time="18:00"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Say which time zone the time is in" in page.get_text()
    assert page.find("input", attrs={"name": "title"})["value"] == "Typed Title"
    assert not ReleaseEvent.objects.filter(title="Typed Title").exists()


def test_editing_a_catalog_event_in_the_admin_makes_it_the_editors(editor):
    made = ReleaseEvent.objects.derived().get(work__slug="joji-run")
    data = event_form(title=made.title, work=str(made.work_id), year="2020", month="2", day="6",
                      time="09:00", timezone="America/Los_Angeles", status="confirmed")
    data["artists"] = [str(a.pk) for a in made.artists.all()]
    response = editor.post(f"/admin/snippets/releases/releaseevent/edit/{made.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    made.refresh_from_db()
    assert made.origin == "editor" and made.precision == "time"
    # The catalog no longer rewrites it, and does not add a second event beside it.
    work = made.work
    work.description = "Edited."
    work.save()
    assert ReleaseEvent.objects.filter(work=work).count() == 1
    assert editor.get("/admin/snippets/releases/releaseevent/").status_code == 200


@pytest.mark.parametrize("moved_to", ["", "joji-glimpse-of-us"])
def test_a_catalog_event_an_editor_moves_off_its_work_gives_the_work_its_event_back(editor, moved_to):
    """The moved event keeps its calendar UID (subscribers know it by that); the work's date comes
    back on the calendar as a new derived event under a UID of its own."""
    made = ReleaseEvent.objects.derived().get(work__slug="joji-run")
    uid, work = made.uid, made.work
    other = str(Work.objects.get(slug=moved_to).pk) if moved_to else ""
    data = event_form(title="Moved by an editor", work=other, year="2020", month="2", day="6")
    data["artists"] = [str(a.pk) for a in made.artists.all()]
    response = editor.post(f"/admin/snippets/releases/releaseevent/edit/{made.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    made.refresh_from_db()
    assert (made.uid, made.origin, made.title) == (uid, "editor", "Moved by an editor")
    back = ReleaseEvent.objects.derived().get(work=work)
    assert back.uid != uid and back.uid.startswith(f"work-{work.pk}-")
    assert (back.year, back.month, back.day) == (work.release_year, work.release_month, work.release_day)
