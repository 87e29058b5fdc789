"""Whatever arrives at the tip form or the API, the answer is a page or a JSON sentence, never a
500, and what the reader typed is either stored exactly or shown back to them exactly."""
import itertools
import json

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from submissions.analysis import analyse
from submissions.models import Submission

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "'; DROP TABLE submissions_submission; --", "\" OR 1=1 --", "1' UNION SELECT password FROM auth_user --",
    "<script>window.__xss=1</script>", "<img src=x onerror=window.__xss=1>", "<svg/onload=alert(1)>",
    "javascript:alert(1)", "{{ 7*7 }}", "{% debug %}", "%s%s%n", "${jndi:ldap://x}", "\u202eevil\u202c",
    "Ｆｕｌｌｗｉｄｔｈ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ли Сон Джин", "이성진", "a\u0301\u0301\u0301", "\x00", "\r\n\r\n",
    "😀🏳️‍🌈👩‍👩‍👧", "\ufeff", "\u200b", "ß" * 3, "İ", "https://example.com/" + "a" * 300, "www.example.com",
]
MAYBE_DATES = ["24 May 2031", "31.02.2031", "2031-13", "--05-24", "0000", "9999-12-31", "1 мая", "today",
               "сегодня", "2031-02-29", "May 2031", "1850", "2101"]

texts = st.one_of(
    st.text(max_size=200),
    st.sampled_from(PAYLOADS),
    st.lists(st.sampled_from(PAYLOADS), max_size=6).map(" ".join),
    # Around the size limit, and well past it.
    st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=3), st.integers(1500, 6000)),
)
form_data = st.fixed_dictionaries({
    "kind": st.one_of(st.sampled_from(["tip", "event", "", "EVENT"]), st.text(max_size=10)),
    "text": st.one_of(texts, texts.map(lambda t: "A tip about a new video: " + t)),
    "links": st.one_of(texts, st.lists(st.sampled_from(PAYLOADS + ["example.com/x", "https://a.b/c"]),
                                       max_size=8).map("\n".join)),
    "event_date": st.one_of(st.sampled_from(MAYBE_DATES), texts),
    "place": texts,
    "contact": texts,
    "website": st.sampled_from(["", "", "", "http://spam.example"]),
})
# Only the text is wild here, so a good share of tries gets stored and is checked byte for byte.
form_data = st.one_of(form_data, texts.map(lambda t: {
    "kind": "tip", "text": "A tip about a new video: " + t, "links": "", "event_date": "", "place": "",
    "contact": "", "website": ""}))
addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))
FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@FUZZ
@given(data=form_data)
def test_the_form_never_fails_and_never_loses_the_text(client, data):
    before = Submission.objects.count()
    response = client.post("/submit/", data, REMOTE_ADDR=next(addresses))
    event(f"status {response.status_code}")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert Submission.objects.order_by("-pk").first().text == data["text"]
    else:
        assert Submission.objects.count() == before
        body = response.content.decode()
        for name in ("text", "place", "contact"):
            if data[name]:
                assert escape(data[name]) in body, name


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8)
broken_text = st.text(alphabet=st.characters(categories=["Cs", "Lo", "Zs", "Cc"]), max_size=40)
api_fields = st.fixed_dictionaries({}, optional={
    "kind": st.one_of(st.sampled_from(["tip", "event"]), json_values),
    "text": st.one_of(texts, broken_text, json_values),
    "links": st.one_of(st.lists(st.one_of(st.sampled_from(PAYLOADS), broken_text), max_size=7), json_values),
    "event_date": st.one_of(st.sampled_from(MAYBE_DATES), broken_text, json_values),
    "place": st.one_of(texts, json_values),
    "contact": st.one_of(texts, json_values),
    "extra": json_values,
})
bodies = st.one_of(
    api_fields.map(json.dumps),
    st.one_of(texts, broken_text).map(lambda t: json.dumps({"text": "A tip about a video: " + t})),
    json_values.map(json.dumps),
    st.binary(max_size=300))


@FUZZ
@given(body=bodies)
def test_the_api_always_answers_json_with_a_sentence(client, body):
    response = client.post("/api/v1/submissions", body, content_type="application/json",
                           REMOTE_ADDR=next(addresses))
    event(f"status {response.status_code}")
    assert response.status_code in (201, 400, 422), response.content[:500]
    answer = response.json()
    assert isinstance(answer["detail"], str) and answer["detail"].strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_reading_any_text_for_proposals_never_fails(text):
    if not text.strip() or "\x00" in text:
        return  # the form never lets these through
    submission = Submission.objects.create(text=text)
    analyse(submission.pk)
    submission.refresh_from_db()
    assert submission.analysed_at is not None
