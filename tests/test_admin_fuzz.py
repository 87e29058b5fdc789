"""Whatever an editor's browser sends to the admin's forms, the answer is the form again with what
was typed, or the change saved: never a 500. Each example takes the form a browser would send for
a demo record, as read from its page, and puts a generated value (oversized, of the wrong type,
Unicode edge cases, SQL and script payloads) into one of its fields, management forms included."""
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from catalog.models import Person, Work
from editorial.models import ArticlePage, LegalNotice
from releases.models import ReleaseEvent
from submissions.models import Submission
from tests.test_admin import browser_form_data
from tests.test_roles import editor_form_data
from tests.test_submissions_fuzz import PAYLOADS

pytestmark = pytest.mark.django_db

WRONG_TYPES = ["-1", "0", "1e309", "NaN", "99999999999999999999", "[]", "{}", "null", "true", "１２",
               "2031-02-30", "12:99", "-0", " 7 ", "0x1F"]
values = st.one_of(
    st.text(max_size=80),
    st.sampled_from(PAYLOADS + WRONG_TYPES),
    st.builds(lambda piece, n: piece * n, st.text(min_size=1, max_size=3), st.integers(300, 5000)),
)
FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("fuzzer", "fuzzer@example.com", "pw-for-tests")
    client.force_login(user)
    return client


@contextmanager
def undone():
    """Each example starts from the demo as loaded: what the last one saved is rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def form_at(html: str, selector: str) -> dict:
    """What a browser submits for the form `selector` picks on the page."""
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    assert form is not None, selector
    form["id"] = "w-editor-form"
    return browser_form_data(str(form))


def send_one_changed(editor, url: str, data, read_form=editor_form_data) -> None:
    """Post the form at `url` as a browser would, with one field (chosen by `data`) set to a
    generated value, and check the answer; whatever it saved is rolled back afterwards."""
    with undone():
        sent = read_form(editor.get(url).content.decode())
        name = data.draw(st.sampled_from(sorted(sent)), label="field")
        value = data.draw(values, label="value")
        event(f"field {name}")
        response = editor.post(url, {**sent, name: value})
        assert response.status_code in (200, 302), (name, value, response.status_code)
        if response.status_code == 302:
            assert editor.get(url).status_code == 200  # saved: the record's form still opens
            return
        html = response.content.decode()
        typed = isinstance(sent[name], str) and "\x00" not in value and "\r" not in value
        if typed and value.strip() and _shown_as_typed(html, name):
            assert escape(value) in html or escape(value.strip()) in html, (name, value)


def _shown_as_typed(html: str, name: str) -> bool:
    """Whether the page has a text box or text area named `name` (a select shows its choices,
    a hidden chooser value is shown as the record chosen)."""
    soup = BeautifulSoup(html, "html.parser")
    field = soup.select_one(f'[name="{name}"]')
    return field is not None and (field.name == "textarea" or (
        field.name == "input" and field.get("type", "text") in ("text", "search", "url", "email")))


@pytest.mark.parametrize("model", [Person, Work, ReleaseEvent])
@FUZZ
@given(data=st.data())
def test_catalog_and_calendar_editors_never_fail(editor, model, data):
    record = model.objects.order_by("pk").first()
    meta = model._meta
    url = f"/admin/snippets/{meta.app_label}/{meta.model_name}/edit/{record.pk}/"
    send_one_changed(editor, url, data)


@FUZZ
@given(data=st.data())
def test_the_legal_notice_editor_never_fails(editor, data):
    notice = LegalNotice.objects.first() or LegalNotice.objects.create(name="A notice", words="word",
                                                                       text="About this word.")
    url = f"/admin/snippets/editorial/legalnotice/edit/{notice.pk}/"
    send_one_changed(editor, url, data)


@FUZZ
@given(data=st.data())
def test_the_article_editor_never_fails(editor, data):
    article = ArticlePage.objects.live().order_by("pk").first()
    url = f"/admin/pages/{article.pk}/edit/"
    send_one_changed(editor, url, data)


@FUZZ
@given(data=st.data(), verdict=st.sampled_from(["accept", "reject"]))
def test_moderation_forms_never_fail(editor, data, verdict):
    with undone():
        submission = Submission.objects.create(kind="tip", text="Joji's new video is directed by Hiro Murai.",
                                               links=["https://example.com/joji"])
        detail = f"/admin/submissions/{submission.pk}/"
        url = f"{detail}{verdict}/"
        sent = form_at(editor.get(detail).content.decode(), f'form[action="{url}"]')
        name = data.draw(st.sampled_from(sorted(sent)), label="field")
        value = data.draw(values, label="value")
        response = editor.post(url, {**sent, name: value})
        assert response.status_code in (200, 302), (name, value, response.status_code)
        assert editor.get(detail).status_code == 200
        # Accepted, refused or still waiting: the reader's text is never lost.
        assert Submission.objects.get(pk=submission.pk).text == submission.text


@settings(FUZZ, max_examples=10)
@given(data=st.data())
def test_the_import_form_never_fails(editor, data):
    send_one_changed(editor, "/admin/imports/", data,
                     read_form=lambda html: form_at(html, "form.import-form"))
