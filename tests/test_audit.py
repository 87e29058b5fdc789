"""The change history of catalog facts: every change is recorded with who, when, what and from
where, a history screen shows it per record, and any entry can be reverted (the revert is
recorded too); a revert never undoes later work."""
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import APIToken

from audit.context import recording
from audit.models import Change, Source
from audit.revert import RevertRefused, revert
from catalog.models import Credit, Person, Work
from imports.importing import queue_import
from imports.models import Proposal
from roles.definitions import EDITORS, WRITERS
from tests.test_roles import editor_form_data

pytestmark = pytest.mark.django_db

IMPORTED = """Velvet Static — «Neon Vigil»

Клип «Neon Vigil» вышел 10 мая 2024 года. Режиссёром выступила Инес Колдуэлл.
"""


def signed_in(username: str, group: str = EDITORS) -> Client:
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-for-tests")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def anna():
    return signed_in("anna")


@pytest.fixture
def boris():
    return signed_in("boris")


def work_url(work, view="edit") -> str:
    return f"/admin/snippets/catalog/work/{view}/{work.pk}/"


def open_form(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return editor_form_data(response.content.decode())


def entry_of(record, **filters) -> list[Change]:
    return list(Change.objects.filter(record_type=ContentType.objects.get_for_model(type(record)),
                                      record_id=record.pk, **filters).order_by("id"))


def latest_batch(record):
    return entry_of(record)[-1].batch


def revert_url(record, batch) -> str:
    record_type = ContentType.objects.get_for_model(type(record))
    return reverse("audit:revert", args=[batch, record_type.pk, record.pk])


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


# --- what is recorded -------------------------------------------------------------------------

def test_an_admin_edit_is_recorded_field_by_field_with_its_rows(anna):
    run = Work.objects.get(slug="joji-run")
    link = run.links_out.get()
    data = open_form(anna, work_url(run))
    credit_id = int(data["credits-0-id"])
    data["title"] = "Run (director's cut)"
    data["credits-0-credited_as"] = "Aisultan Seit"
    link_row = next(k[:-3] for k, v in data.items() if k.startswith("links_out-") and k.endswith("-id")
                    and v == str(link.pk))
    data[f"{link_row}-DELETE"] = "on"
    response = anna.post(work_url(run), data)
    assert response.status_code == 302, page_text(response)[:500]

    changes = entry_of(run, source=Source.ADMIN)
    assert len({c.batch for c in changes}) == 1, "one save is one history entry"
    assert all(c.user == anna.user for c in changes)
    by_row = {(c.content_type.model, c.object_id): c for c in changes}
    assert by_row[("work", run.pk)].diff == {"title": ["Run", "Run (director's cut)"]}
    assert by_row[("credit", credit_id)].diff == {"credited_as": ["", "Aisultan Seit"]}
    removed = by_row[("worklink", link.pk)]
    assert removed.action == Change.Action.DELETED and removed.diff["note"][0] == link.note
    assert removed.labels["target_id"][0] == str(link.target)

    history = anna.get(work_url(run, "history"))
    assert history.status_code == 200
    text = page_text(history)
    assert "Run (director's cut)" in text and "Aisultan Seit" in text and "Sanctuary" in text
    assert "Admin edit" in text and "anna" in text


def test_accepting_an_import_proposal_is_recorded_as_the_import(anna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item, _ = queue_import("audit.txt", IMPORTED)
    proposal = Proposal.objects.get(imported=item, role="director")
    anna.post(reverse("imports:decide", args=[proposal.pk]), {"action": "accept"})
    credit = Credit.objects.get(work__title="Neon Vigil", role="director")
    added, cited = entry_of(credit.work, content_type=ContentType.objects.get_for_model(Credit))
    assert (added.source, added.user, added.action) == (Source.IMPORT, anna.user, Change.Action.CREATED)
    assert added.labels["person_id"][1] == "Инес Колдуэлл"
    assert cited.batch == added.batch and "Режиссёром" in cited.diff["source_quote"][1]
    # The history shows the credit once, as added with its quote.
    history = page_text(anna.get(work_url(credit.work, "history")))
    assert history.count("Инес Колдуэлл – Director – Neon Vigil") == 1 and "Режиссёром" in history
    assert "Import review" in history


def test_an_api_change_is_recorded_with_the_tokens_owner(client):
    owner = get_user_model().objects.create_user("script-owner")
    owner.user_permissions.add(Permission.objects.get(codename="change_person"))
    _, token = APIToken.create_token(user=owner, name="audit test")
    response = client.patch("/api/v1/people/dan-streit", data=json.dumps({"country": "US"}),
                            content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.content
    change = entry_of(Person.objects.get(slug="dan-streit"))[-1]
    assert (change.source, change.user, change.diff) == (Source.API, owner, {"country": ["", "US"]})


def test_the_demo_and_scripts_say_where_their_changes_came_from():
    joji = Person.objects.get(slug="joji")
    assert entry_of(joji)[0].source == Source.DEMO
    joji.genres = "r&b, lo-fi, trip hop"
    joji.save()
    change = entry_of(joji)[-1]
    assert (change.source, change.user) == (Source.SCRIPT, None)
    assert change.diff["genres"][1] == "r&b, lo-fi, trip hop"
    with recording(Source.SUBMISSION, note="tip 12"):
        joji.country = "US"
        joji.save()
    assert (entry_of(joji)[-1].source, entry_of(joji)[-1].note) == (Source.SUBMISSION, "tip 12")


def test_saving_without_a_change_records_nothing(anna):
    run = Work.objects.get(slug="joji-run")
    before = Change.objects.count()
    assert anna.post(work_url(run), open_form(anna, work_url(run))).status_code == 302
    assert Change.objects.count() == before


# --- revert ------------------------------------------------------------------------------------

def test_an_edit_is_reverted_from_the_admin_and_the_revert_is_recorded(anna):
    run = Work.objects.get(slug="joji-run")
    data = open_form(anna, work_url(run))
    data.update(title="Run!", release_year="2021")
    assert anna.post(work_url(run), data).status_code == 302
    batch = latest_batch(run)

    confirm = anna.get(revert_url(run, batch))
    assert confirm.status_code == 200 and "Run!" in page_text(confirm)
    assert anna.post(revert_url(run, batch)).status_code == 302
    run.refresh_from_db()
    assert (run.title, run.release_year) == ("Run", 2020)
    undo = entry_of(run)[-1]
    assert (undo.source, undo.reverts, undo.user) == (Source.REVERT, batch, anna.user)
    assert "Reverted by anna" in page_text(anna.get(work_url(run, "history")))

    # The revert is an entry of its own, and can be reverted in turn.
    assert anna.post(revert_url(run, undo.batch)).status_code == 302
    run.refresh_from_db()
    assert (run.title, run.release_year) == ("Run!", 2021)


def test_a_revert_never_undoes_a_later_change(anna):
    run = Work.objects.get(slug="joji-run")
    for title in ("Run 2", "Run 3"):
        data = open_form(anna, work_url(run))
        data["title"] = title
        assert anna.post(work_url(run), data).status_code == 302
    first, _second = sorted({c.batch: c.id for c in entry_of(run, source=Source.ADMIN)}.items(),
                            key=lambda item: item[1])
    response = anna.post(revert_url(run, first[0]))
    assert response.status_code == 409
    assert "was changed again later" in page_text(response) and "Run 3" in page_text(response)
    assert Work.objects.get(pk=run.pk).title == "Run 3"
    assert not Change.objects.filter(reverts=first[0]).exists()


def test_an_added_credit_is_removed_and_a_removed_one_comes_back():
    run = Work.objects.get(slug="joji-run")
    editor = Person.objects.get(slug="dan-streit")
    with recording(Source.ADMIN) as added:
        credit = Credit.objects.create(work=run, person=editor, role="editor", credited_as="D. Streit")
    revert(added.batch, ContentType.objects.get_for_model(Work).pk, run.pk, user=None)
    assert not Credit.objects.filter(pk=credit.pk).exists()

    director = run.credits.get(role="director")
    kept = {f: getattr(director, f) for f in ("pk", "person_id", "role", "source_quote", "source_article_id")}
    with recording(Source.ADMIN) as removed:
        director.delete()
    revert(removed.batch, ContentType.objects.get_for_model(Work).pk, run.pk, user=None)
    back = Credit.objects.get(pk=kept["pk"])
    assert {f: getattr(back, f) for f in kept} == kept


def test_a_deleted_work_comes_back_whole_from_the_catalog_changes_report(anna):
    run = Work.objects.get(slug="joji-run")
    credits = sorted(run.credits.values_list("pk", "person_id", "role"))
    response = anna.post(work_url(run, "delete"))
    assert response.status_code == 302 and not Work.objects.filter(pk=run.pk).exists()

    report = anna.get(reverse("audit:changes"))
    assert report.status_code == 200
    url = revert_url(run, latest_batch(run))
    assert url in report.content.decode()
    assert anna.post(url).status_code == 302
    back = Work.objects.get(pk=run.pk)
    assert back.title == "Run" and sorted(back.credits.values_list("pk", "person_id", "role")) == credits


def test_a_new_person_whose_page_was_stored_can_still_be_removed():
    from catalog import snapshots

    with recording(Source.ADMIN) as created:
        person = Person.objects.create(name="Noor Vale", slug="noor-vale")
    snapshots.store_people([person.pk])  # what the worker does once the save commits
    revert(created.batch, ContentType.objects.get_for_model(Person).pk, person.pk, user=None)
    assert not Person.objects.filter(pk=person.pk).exists()


def test_removing_a_new_person_who_is_now_credited_is_refused():
    with recording(Source.ADMIN) as created:
        person = Person.objects.create(name="Noor Vale", slug="noor-vale")
    Credit.objects.create(work=Work.objects.get(slug="joji-run"), person=person, role="editor")
    with pytest.raises(RevertRefused) as refused:
        revert(created.batch, ContentType.objects.get_for_model(Person).pk, person.pk, user=None)
    assert "used by 1 other records" in str(refused.value)
    assert Person.objects.filter(pk=person.pk).exists()


def test_only_those_who_may_change_the_catalog_see_its_history_or_revert(anna):
    run = Work.objects.get(slug="joji-run")
    data = open_form(anna, work_url(run))
    data["title"] = "Run?"
    anna.post(work_url(run), data)
    url = revert_url(run, latest_batch(run))
    writer = signed_in("wanda", WRITERS)
    for response in (writer.get(url), writer.post(url), writer.get(reverse("audit:changes")),
                     writer.get(work_url(run, "history"))):
        # Wagtail turns a refusal inside the admin into a redirect to the dashboard, with a message.
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/login/" not in response["Location"]
    anonymous = Client().post(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert Work.objects.get(pk=run.pk).title == "Run?"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["title", "description", "release_year", "video_url"]),
                          st.integers(min_value=0, max_value=9)), min_size=1, max_size=6))
def test_reverting_every_entry_newest_first_restores_the_record(edits):
    with transaction.atomic():
        run = Work.objects.get(slug="joji-run")
        fields = ("title", "description", "release_year", "video_url")
        original = Work.objects.filter(pk=run.pk).values(*fields)[0]
        batches = []
        for field, n in edits:
            value = {"title": f"Run {n}", "description": f"Take {n}.", "release_year": 2000 + n,
                     "video_url": f"https://example.com/run/{n}"}[field]
            with recording(Source.ADMIN) as active:
                setattr(run, field, value)
                run.save()
            batches.append(active.batch)
        for batch in reversed(batches):
            if Change.objects.filter(batch=batch).exists():  # a no-op save records nothing
                revert(batch, ContentType.objects.get_for_model(Work).pk, run.pk, user=None)
        assert Work.objects.filter(pk=run.pk).values(*original)[0] == original
        transaction.set_rollback(True)


# --- no silent overwrites ----------------------------------------------------------------------

def test_the_second_of_two_editors_is_refused_and_keeps_what_they_typed(anna, boris):
    run = Work.objects.get(slug="joji-run")
    anna_form, boris_form = open_form(anna, work_url(run)), open_form(boris, work_url(run))
    anna_form["title"] = "Run (Anna)"
    assert anna.post(work_url(run), anna_form).status_code == 302

    boris_form["title"] = "Run (Boris)"
    boris_form["description"] = "Boris rewrote the description."
    response = boris.post(work_url(run), boris_form)
    assert response.status_code == 200
    assert Work.objects.get(pk=run.pk).title == "Run (Anna)"
    text = page_text(response)
    assert "anna saved this record" in text and "Nothing of yours is saved yet" in text
    soup = BeautifulSoup(response.content, "html.parser")
    row = [[cell.get_text(" ", strip=True) for cell in tr.select("th, td")]
           for tr in soup.select(".audit-clashes tbody tr")]
    assert row == [["Title", "Run", "Run (Anna) (anna, " + row[0][2].split("(anna, ")[1], "Run (Boris)"]]
    # What Boris typed is still in the form...
    again = editor_form_data(response.content.decode())
    assert again["title"] == "Run (Boris)" and again["description"] == "Boris rewrote the description."
    # ...and saving it again, having seen the difference, is his decision.
    assert boris.post(work_url(run), again).status_code == 302
    assert Work.objects.get(pk=run.pk).title == "Run (Boris)"


def test_an_editor_who_touched_other_fields_still_cannot_undo_a_colleagues_edit(anna, boris):
    run = Work.objects.get(slug="joji-run")
    anna_form, boris_form = open_form(anna, work_url(run)), open_form(boris, work_url(run))
    anna_form["release_day"] = "7"
    assert anna.post(work_url(run), anna_form).status_code == 302
    boris_form["description"] = "Only the description."
    response = boris.post(work_url(run), boris_form)
    assert response.status_code == 200 and "Release day" in page_text(response)
    assert Work.objects.get(pk=run.pk).release_day == 7


def test_a_credit_added_meanwhile_survives_an_editors_save(anna, django_capture_on_commit_callbacks):
    run = Work.objects.get(slug="joji-run")
    form = open_form(anna, work_url(run))
    with recording(Source.IMPORT):
        added = Credit.objects.create(work=run, person=Person.objects.get(slug="dan-streit"), role="editor")
    form["description"] = "Saved after an import added a credit."
    assert anna.post(work_url(run), form).status_code == 302
    assert Credit.objects.filter(pk=added.pk).exists()
    assert Work.objects.get(pk=run.pk).description == "Saved after an import added a credit."


def test_editing_a_credit_someone_removed_is_refused_cleanly(anna, boris):
    run = Work.objects.get(slug="joji-run")
    anna_form, boris_form = open_form(anna, work_url(run)), open_form(boris, work_url(run))
    credit_id = boris_form["credits-0-id"]
    row = next(k[:-3] for k, v in anna_form.items() if k.startswith("credits-") and k.endswith("-id")
               and v == credit_id)
    anna_form[f"{row}-DELETE"] = "on"
    assert anna.post(work_url(run), anna_form).status_code == 302
    boris_form["credits-0-credited_as"] = "Still here?"
    response = boris.post(work_url(run), boris_form)
    assert response.status_code == 200
    assert "removed" in page_text(response) and "still in your form" in page_text(response)
    assert not Credit.objects.filter(pk=credit_id).exists()


def test_an_unchanged_save_by_a_colleague_does_not_block_anyone(anna, boris):
    run = Work.objects.get(slug="joji-run")
    anna_form, boris_form = open_form(anna, work_url(run)), open_form(boris, work_url(run))
    assert anna.post(work_url(run), anna_form).status_code == 302
    boris_form["description"] = "Nothing clashed."
    assert boris.post(work_url(run), boris_form).status_code == 302


def test_people_are_versioned_too(anna, boris):
    person = Person.objects.get(slug="joji")
    url = f"/admin/snippets/catalog/person/edit/{person.pk}/"
    anna_form, boris_form = open_form(anna, url), open_form(boris, url)
    anna_form["bio"] = "Anna's bio."
    assert anna.post(url, anna_form).status_code == 302
    boris_form["bio"] = "Boris's bio."
    response = boris.post(url, boris_form)
    assert response.status_code == 200 and "Anna's bio." in page_text(response)
    assert Person.objects.get(pk=person.pk).bio == "Anna's bio."


def test_two_editors_saving_at_the_same_moment_cannot_both_win(committed_demo, at_once):
    """The version check and the save are one step: of two simultaneous saves from the same
    version, one is saved and the other is refused, whatever the timing."""
    run = Work.objects.get(slug="joji-run")
    editors = [signed_in(name) for name in ("anna", "boris")]
    forms = [open_form(client, work_url(run)) for client in editors]

    def save(client, form, title):
        form["title"] = title
        return title, client.post(work_url(run), form).status_code

    statuses = dict(at_once(save, [(client, form, f"Run ({client.user.username})")
                                   for client, form in zip(editors, forms, strict=True)]))
    assert sorted(statuses.values()) == [200, 302], statuses
    winner = next(title for title, status in statuses.items() if status == 302)
    assert Work.objects.get(pk=run.pk).title == winner


def test_adding_a_credit_someone_saved_meanwhile_is_refused_on_that_row(anna):
    run = Work.objects.get(slug="joji-run")
    dan = Person.objects.get(slug="dan-streit")
    form = open_form(anna, work_url(run))
    with recording(Source.IMPORT):
        Credit.objects.create(work=run, person=dan, role="editor")
    n = int(form["credits-TOTAL_FORMS"])
    form["credits-TOTAL_FORMS"] = str(n + 1)
    form.update({f"credits-{n}-person": str(dan.pk), f"credits-{n}-role": "editor", f"credits-{n}-id": "",
                 f"credits-{n}-credited_as": "typed by Anna", f"credits-{n}-ORDER": str(n + 1)})
    response = anna.post(work_url(run), form)
    assert response.status_code == 200
    text = page_text(response)
    assert "Someone else saved “Dan Streit – Editor – Run” while you were editing" in text
    assert "typed by Anna" in response.content.decode()
    assert run.credits.filter(person=dan, role="editor").count() == 1
