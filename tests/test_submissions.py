"""Readers send tips and events at /submit/ (and POST /api/v1/submissions): stored exactly as typed,
never published, refused with a reason that keeps what they typed."""
import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from catalog.models import Person, Work
from editorial.models import ArticlePage
from submissions.forms import TEXT_MAX
from submissions.models import Proposal, RateLimitHit, Submission
from submissions.ratelimit import address_key
from submissions.richtext import article_html

pytestmark = pytest.mark.django_db

TIP = ("Joji has a new video for “Run” coming, directed by Aisultan Seitov.\r\n\r\n"
       "  Second paragraph, with an emoji 🎬 and <b>angle brackets</b> kept as typed.  ")


def form(**overrides) -> dict:
    data = {"kind": "tip", "text": TIP, "links": "https://example.com/news/joji-run",
            "event_date": "", "place": "", "contact": "", "website": ""}
    data.update(overrides)
    return data


def textarea(response, name="text") -> str:
    """What the form shows again in a field, as the browser will read it."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    field = soup.find(attrs={"name": name})
    if field.name == "textarea":
        return field.get_text()[1:] if field.get_text().startswith("\n") else field.get_text()
    return field.get("value", "")


def errors(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(".submit-error, .submit-notice"))


# ---------------------------------------------------------------- the happy path


def test_a_tip_is_kept_exactly_as_typed_and_not_published(english, django_capture_on_commit_callbacks):
    pages_before = ArticlePage.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post("/submit/", form())
    assert response.status_code == 302 and response["Location"] == "/submit/thanks/"
    submission = Submission.objects.get()
    assert submission.text == TIP  # spaces, CRLF, emoji and markup untouched
    assert submission.links == ["https://example.com/news/joji-run"]
    assert submission.status == Submission.Status.NEW and submission.language == "en"
    assert ArticlePage.objects.count() == pages_before  # nothing goes out by itself
    thanks = english.get("/submit/thanks/")
    assert thanks.status_code == 200 and "Thank you" in thanks.content.decode()


def test_a_russian_reader_sends_an_event(russian):
    page = russian.get("/submit/")
    assert page.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").html["lang"] == "ru"
    text = "Премьера клипа RM «Come Back to Me» пройдёт в Сеуле, снял Ли Сон Джин."
    response = russian.post("/submit/", form(kind="event", text=text, event_date="24 мая",
                                             place="Сеул, Олимпийский парк", links=""))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.text, submission.place, submission.language) == (text, "Сеул, Олимпийский парк", "ru")
    today = timezone.localdate()
    # No year given: the next 24 May from today.
    year = today.year if (today.month, today.day) <= (5, 24) else today.year + 1
    assert submission.event_date == f"{year}-05-24" and submission.event_date_as_typed == "24 мая"
    assert BeautifulSoup(russian.get("/submit/thanks/").content, "html.parser").html["lang"] == "ru"


@pytest.mark.parametrize("typed, expected", [
    ("24 May 2031", "2031-05-24"), ("May 2031", "2031-05"), ("24.05.2031", "2031-05-24"),
    ("2031-05", "2031-05"), ("2031", "2031"), ("май 2031", "2031-05"),
])
def test_event_dates_keep_the_precision_the_reader_gave(english, typed, expected):
    assert english.post("/submit/", form(kind="event", event_date=typed)).status_code == 302
    assert Submission.objects.get().event_date == expected


def test_links_without_a_scheme_are_read_as_https(english):
    english.post("/submit/", form(links="example.com/a\n\nhttp://example.org/b  example.com/a"))
    assert Submission.objects.get().links == ["https://example.com/a", "http://example.org/b"]


# ---------------------------------------------------------------- refusals keep the text


@pytest.mark.parametrize("overrides, says", [
    ({"text": "   \r\n  "}, "the text is empty"),
    ({"text": "new video"}, "at least 10 characters"),
    ({"text": "x" * (TEXT_MAX + 7)}, "shorten it by 7 characters"),
    ({"links": "\n".join(f"https://example.com/{i}" for i in range(6))}, "up to 5 fit"),
    ({"links": "not a link at all"}, "is not a web address"),
    ({"links": "javascript:alert(1)"}, "is not a web address"),
    ({"links": "https://example.com/?" + "utm=1&" * 40}, "longer than 200 characters"),
    ({"text": TIP + " ".join(f"https://spam.example/{i}" for i in range(6))}, "more than 5 web addresses"),
    ({"kind": "event", "event_date": "sometime soon"}, "could not read “sometime soon” as one date"),
    ({"kind": "event", "event_date": "2031-02-30"}, "February has no day 30"),
    ({"kind": "event", "event_date": "3 March 2001"}, "has already passed"),
    ({"place": "П" * 201}, "the limit is 200"),
    ({"contact": "@" * 300}, "the limit is 200"),
    ({"kind": "poem"}, "Choose a news tip or an upcoming event"),
])
def test_a_refused_submission_says_why_and_keeps_everything(english, overrides, says):
    data = form(**{"place": "Москва", "contact": "reader@example.com", **overrides})
    response = english.post("/submit/", data)
    assert response.status_code == 200
    assert says in errors(response)
    assert "Everything you typed is still here" in errors(response)
    for name in ("text", "links", "place", "contact", "event_date"):
        assert textarea(response, name) == data[name]
    assert not Submission.objects.exists()


def test_no_browser_length_limit_cuts_a_pasted_text(english):
    soup = BeautifulSoup(english.get("/submit/").content, "html.parser")
    assert not soup.select("textarea[maxlength], input[maxlength]")


def test_csrf_failure_keeps_the_text_and_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/submit/", form())
    assert response.status_code == 403
    assert "Nothing was sent" in errors(response)
    assert textarea(response, "text") == TIP
    assert not Submission.objects.exists()
    # The re-shown form carries a fresh token: sending it again works.
    soup = BeautifulSoup(response.content, "html.parser")
    token = soup.find(attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert client.post("/submit/", {**form(), "csrfmiddlewaretoken": token}).status_code == 302
    assert Submission.objects.count() == 1


# ---------------------------------------------------------------- abuse


def test_the_honeypot_refuses_robots_but_shows_itself_to_a_person(english):
    response = english.post("/submit/", form(website="http://cheap-pills.example"))
    assert response.status_code == 200 and not Submission.objects.exists()
    assert "must stay empty" in errors(response)
    assert textarea(response) == TIP
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".submit-trap-shown input[name=website]") is not None
    # On a fresh form the trap is out of sight and out of the tab order.
    fresh = BeautifulSoup(english.get("/submit/").content, "html.parser")
    trap = fresh.select_one(".submit-trap input[name=website]")
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"


def test_the_honeypot_counts_against_the_address(english):
    for _ in range(5):
        english.post("/submit/", form(website="spam"))
    response = english.post("/submit/", form())
    assert response.status_code == 429 and not Submission.objects.exists()


def test_an_address_may_send_five_in_ten_minutes(english):
    for n in range(5):
        assert english.post("/submit/", form(text=f"{TIP} #{n}")).status_code == 302
    response = english.post("/submit/", form(text="The sixth tip in a row, kept for later."))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "press “Send” again in 10 min" in errors(response)
    assert textarea(response) == "The sixth tip in a row, kept for later."
    assert Submission.objects.count() == 5
    # Another address is not affected.
    assert english.post("/submit/", form(), REMOTE_ADDR="198.51.100.7").status_code == 302
    # Ten minutes later the first address may send again.
    RateLimitHit.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    assert english.post("/submit/", form(text="The sixth tip, sent after the wait.")).status_code == 302


def test_a_refused_try_does_not_use_up_the_allowance(english):
    for _ in range(10):
        english.post("/submit/", form(text="short"))
    assert english.post("/submit/", form()).status_code == 302


def test_behind_a_proxy_the_forwarded_address_counts(english, settings):
    settings.DEEPCUTS_PROXY_COUNT = 1
    # The part left of what our proxy added is the client's to forge: changing it gains nothing.
    for n in range(5):
        response = english.post("/submit/", form(), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.1")
        assert response.status_code == 302
    assert english.post("/submit/", form(), HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    # All readers come through the one proxy (REMOTE_ADDR), yet each has their own allowance.
    assert english.post("/submit/", form(), HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 302


def test_one_ipv6_network_is_one_sender():
    assert address_key("2001:db8:1:2::1") == address_key("2001:db8:1:2:ffff::9")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:192.0.2.1") == address_key("192.0.2.1")
    assert "192.0.2.1" not in address_key("192.0.2.1")


def test_html_is_sanitised_where_it_becomes_html():
    payload = ('<p onclick="steal()">Hi <strong>there</strong></p><script>window.__xss=1</script>'
               '<img src=x onerror="window.__xss=1"><a href="javascript:window.__xss=1">x</a>'
               '<a href="https://example.com/a" style="color:red">ok</a><iframe src="//evil"></iframe>')
    html = article_html(payload)
    assert "script" not in html and "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html and "iframe" not in html and "style" not in html
    assert "<b>there</b>" in html and '<a href="https://example.com/a">ok</a>' in html
    plain = article_html("Line one\nline <two> & three\n\nNext paragraph")
    assert plain == "<p>Line one<br>line &lt;two&gt; &amp; three</p><p>Next paragraph</p>"


# ---------------------------------------------------------------- what the extractor proposes


def test_the_tip_is_read_for_videos_people_and_dates(english, django_capture_on_commit_callbacks):
    text = "Joji's video “Run” gets a sequel on 24 May 2031, again directed by Aisultan Seitov."
    with django_capture_on_commit_callbacks(execute=True):
        english.post("/submit/", form(text=text))
    submission = Submission.objects.get()
    assert submission.analysed_at is not None and submission.analysis_error == ""
    found = {(p.kind, p.name or p.value): p for p in submission.proposals.all()}
    assert found[("work", "Run")].work == Work.objects.get(slug="joji-run")
    assert found[("credit", "Aisultan Seitov")].person == Person.objects.get(slug="aisultan-seitov")
    assert found[("credit", "Aisultan Seitov")].role == "director"
    assert found[("artist", "Joji")].person == Person.objects.get(slug="joji")
    assert found[("date", "2031-05-24")].evidence.startswith("Joji's video")
    assert submission.text == text


def test_a_name_in_cyrillic_finds_the_person_in_the_catalog(english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        english.post("/submit/", form(text="Говорят, Ли Сон Джин снимет новый клип для RM уже летом."))
    submission = Submission.objects.get()
    assert submission.language == "ru"
    lee = Person.objects.get(slug="lee-sung-jin")
    assert submission.proposals.filter(kind=Proposal.Kind.PERSON, person=lee).exists()


# ---------------------------------------------------------------- the API


def api_post(client, payload, **extra):
    body = payload if isinstance(payload, str | bytes) else json.dumps(payload)
    return client.post("/api/v1/submissions", body, content_type="application/json", **extra)


def test_the_api_takes_a_tip(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_post(client, {"text": TIP, "links": ["example.com/x"], "kind": "event",
                                     "event_date": "May 2031", "place": "Online"})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "new"
    submission = Submission.objects.get()
    assert submission.text == TIP
    assert (submission.links, submission.event_date) == (["https://example.com/x"], "2031-05")
    assert submission.proposals.filter(kind=Proposal.Kind.WORK, work__slug="joji-run").exists()


@pytest.mark.parametrize("payload, status, says", [
    ({"text": "tiny"}, 400, "at least 10 characters"),
    ({"text": TIP, "links": ["ftp://example.com/x"]}, 400, "is not a web address"),
    ({"text": TIP, "kind": "event", "event_date": "next Friday-ish"}, 400, "as one date"),
    ({"text": "x" * 20000}, 400, "the limit is 5000"),
    ({"text": "\ud83c broken emoji tip here"}, 400, "broken character"),
    ({"text": 42}, 422, "not valid"),
    ({"links": "https://example.com"}, 422, "not valid"),
    ([1, 2, 3], 422, "not valid"),
])
def test_the_api_refuses_with_a_sentence(client, payload, status, says):
    response = api_post(client, payload)
    assert response.status_code == status, response.content
    assert says in response.json()["detail"]
    assert not Submission.objects.exists()


def test_a_body_over_the_upload_limit_gets_a_sentence_not_a_bare_error(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = client.post("/submit/", form(text="x" * 200_000))
    assert response.status_code == 413 and "Back button" in errors(response)
    response = api_post(client, {"text": "x" * 200_000})
    assert response.status_code == 413 and "larger than" in response.json()["detail"]
    assert not Submission.objects.exists()


def test_the_api_names_each_field_it_refuses(client):
    response = api_post(client, {"text": "tiny", "links": ["nope"], "place": "P" * 300})
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"text", "links", "place"}


def test_the_api_refuses_a_broken_body_in_json(client):
    for body in ("{not json", b"\xff\xfe\x00", ""):
        response = api_post(client, body)
        assert 400 <= response.status_code < 500
        assert response.json()["detail"]


def test_the_api_shares_the_rate_limit(client):
    for n in range(5):
        assert api_post(client, {"text": f"{TIP} {n}"}).status_code == 201
    assert client.post("/submit/", form()).status_code == 429
    response = api_post(client, {"text": TIP})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many submissions" in response.json()["detail"]


def test_the_queue_cannot_be_read_through_the_api(client):
    Submission.objects.create(text="A secret tip, not for the public.")
    response = client.get("/api/v1/submissions")
    assert response.status_code in (404, 405)
    assert "secret" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_holds_when_requests_race(at_once):
    """Twelve requests at once from one address, each on its own connection as on separate
    workers: never more than five get through."""
    def send(n):
        return Client().post("/submit/", form(text=f"{TIP} {n}"), REMOTE_ADDR="192.0.2.50").status_code

    statuses = at_once(send, [(n,) for n in range(12)])
    assert set(statuses) <= {302, 429}
    assert 1 <= statuses.count(302) <= 5
    assert Submission.objects.count() == statuses.count(302)
