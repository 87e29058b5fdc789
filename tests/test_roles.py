"""Who may do what: every role against every action, through the screens and the API people use.

Each action is a real request (the public tip form, the page editor, the snippet editor, the
import review, the moderation queue's accept and reject, the catalog's change history and its
revert, and the write API with the role's own token) made by a user who is only a member of the
role's group, never a superuser, and it counts as done only if the database shows its effect.
"""
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken, GroupPagePermission, Page, Task, WorkflowState

from audit.models import Change
from catalog.models import Credit, Person, Work
from editorial.models import ArticlePage, SectionPage
from imports.importing import queue_import
from imports.models import Proposal
from roles.definitions import ADMINISTRATORS, CONTRIBUTORS, EDITORS, ROLES, WRITERS
from roles.setup import ensure_roles
from submissions.models import Submission
from tests.test_admin import browser_form_data

pytestmark = pytest.mark.django_db

GROUPS = {"contributor": CONTRIBUTORS, "writer": WRITERS, "editor": EDITORS, "admin": ADMINISTRATORS}
ROLE_NAMES = ["anonymous", "contributor", "writer", "editor", "admin"]
STAFF = {"editor", "admin"}

BODY = json.dumps({"blocks": [{"key": "a1b2c", "text": "A draft about a video, in our own words.",
                               "type": "unstyled", "depth": 0, "inlineStyleRanges": [],
                               "entityRanges": [], "data": {}}], "entityMap": {}})
IMPORTED = """Velvet Static — «Neon Vigil»

Клип «Neon Vigil» вышел 10 мая 2024 года. Режиссёром выступила Инес Колдуэлл.
"""


def editor_form_data(html: str) -> dict:
    """browser_form_data for any admin editor (the page editor's form has another id), with
    every chosen option of a multiple select and textareas as a browser sends them."""
    form = BeautifulSoup(html, "html.parser").select_one("form[data-edit-form]")
    form["id"] = "w-editor-form"
    data = browser_form_data(str(form))
    for select in form.select("select[multiple][name]"):
        data[select["name"]] = [option["value"] for option in select.select("option[selected]")]
    for textarea in form.select("textarea[name]"):
        data[textarea["name"]] = data[textarea["name"]].removeprefix("\n")  # as browsers read it
    return data


def member_of(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        user = get_user_model().objects.create_user(role, f"{role}@example.com", "pw-for-tests")
        user.groups.add(Group.objects.get(name=GROUPS[role]))
        client.force_login(user)
        client.user = user
    return client


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.com", "pw"))
    return client


@pytest.fixture
def form_of(superuser_client):
    """What a browser would post for an admin edit screen, read as someone who may open it."""
    def read(url: str) -> dict:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        return editor_form_data(response.content.decode())
    return read


def refused_cleanly(response) -> None:
    """A refusal is a login redirect or a 403, never a server error."""
    assert response.status_code in (200, 302, 403), response.status_code


def view_admin(client, form_of, capture) -> bool:
    response = client.get("/admin/")
    refused_cleanly(response)
    return response.status_code == 200


def create_draft_article(client, form_of, capture) -> bool:
    news = SectionPage.objects.get(slug="news")
    url = f"/admin/pages/add/editorial/articlepage/{news.pk}/"
    data = form_of(url)
    data.update(title="A draft by the role matrix", slug="role-matrix-draft", teaser="Teaser.",
                body=BODY, language="en", date="2025-01-15")
    refused_cleanly(client.post(url, data))
    page = ArticlePage.objects.filter(slug="role-matrix-draft").first()
    return page is not None and not page.live


def publish_article(client, form_of, capture) -> bool:
    page = ArticlePage.objects.live().order_by("pk").first()
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_of(url)
    data.update({"title": "Published by the role matrix", "action-publish": "action-publish"})
    refused_cleanly(client.post(url, data))
    return ArticlePage.objects.get(pk=page.pk).title == "Published by the role matrix"


def edit_credit(client, form_of, capture) -> bool:
    work = Work.objects.get(slug="joji-run")
    url = f"/admin/snippets/catalog/work/edit/{work.pk}/"
    data = form_of(url)
    credit_id = int(data["credits-0-id"])
    data["credits-0-credited_as"] = "Credited by the role matrix"
    refused_cleanly(client.post(url, data))
    return Credit.objects.get(pk=credit_id).credited_as == "Credited by the role matrix"


def edit_work(client, form_of, capture) -> bool:
    work = Work.objects.get(slug="joji-run")
    url = f"/admin/snippets/catalog/work/edit/{work.pk}/"
    data = form_of(url)
    data["description"] = "Described by the role matrix."
    refused_cleanly(client.post(url, data))
    return Work.objects.get(pk=work.pk).description == "Described by the role matrix."


def edit_person(client, form_of, capture) -> bool:
    person = Person.objects.get(slug="joji")
    url = f"/admin/snippets/catalog/person/edit/{person.pk}/"
    data = form_of(url)
    data["bio"] = "Written by the role matrix."
    refused_cleanly(client.post(url, data))
    return Person.objects.get(pk=person.pk).bio == "Written by the role matrix."


def accept_import_proposal(client, form_of, capture) -> bool:
    with capture(execute=True):
        item, _ = queue_import("role-matrix.txt", IMPORTED)
    proposal = Proposal.objects.filter(imported=item, role="director").first()
    assert proposal is not None, "the import should propose the director"
    refused_cleanly(client.get(reverse("imports:review", args=[item.pk])))
    refused_cleanly(client.post(reverse("imports:decide", args=[proposal.pk]), {"action": "accept"}))
    return Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.ACCEPTED


def send_tip(client, form_of, capture) -> bool:
    """The public form: anyone may send a tip, signed in or not, and it waits for an editor."""
    text = "A tip sent by the role matrix: Joji is filming a new video in Osaka."
    refused_cleanly(client.post("/submit/", {"kind": "tip", "text": text, "links": "", "event_date": "",
                                             "place": "", "contact": "", "website": ""}))
    return Submission.objects.filter(text=text, status=Submission.Status.NEW).exists()


def open_moderation_queue(client, form_of, capture) -> bool:
    Submission.objects.create(text="Waiting tip for the role matrix, to be read in the queue.")
    response = client.get(reverse("submissions_admin:queue"))
    refused_cleanly(response)
    return response.status_code == 200 and "Waiting tip for the role matrix" in response.content.decode()


def reject_tip(client, form_of, capture) -> bool:
    submission = Submission.objects.create(text="Waiting tip for the role matrix, to be turned down.")
    refused_cleanly(client.post(reverse("submissions_admin:reject", args=[submission.pk]),
                                {"reason": "Not news"}))
    submission.refresh_from_db()
    return submission.status == Submission.Status.REJECTED and submission.reason == "Not news"


def accept_tip(client, form_of, capture) -> bool:
    submission = Submission.objects.create(text="Joji directed the video for “Run” himself, a tip says.")
    refused_cleanly(client.post(reverse("submissions_admin:accept", args=[submission.pk]), {
        "action": "article", "article_title": "Joji directs “Run”", "section": "", "language": "en"}))
    submission.refresh_from_db()
    return submission.status == Submission.Status.ACCEPTED and submission.article is not None


def token_of(client) -> dict:
    """The role's own API token (Wagtail's), as a script acting for that person would send it;
    nothing at all for an anonymous reader."""
    user = getattr(client, "user", None)
    if user is None:
        return {}
    _, plain = APIToken.create_token(user=user, name="role matrix")
    return {"Authorization": f"Bearer {plain}"}


def api_change_person(client, form_of, capture) -> bool:
    response = Client().patch("/api/v1/people/joji", data=json.dumps({"country": "NZ"}),
                              content_type="application/json", headers=token_of(client))
    assert response.status_code in (200, 401, 403), response.status_code
    return Person.objects.get(slug="joji").country == "NZ"


def api_add_credit(client, form_of, capture) -> bool:
    response = Client().post("/api/v1/works/joji-run/credits",
                             data=json.dumps({"person": "joji", "role": "editor"}),
                             content_type="application/json", headers=token_of(client))
    assert response.status_code in (201, 401, 403), response.status_code
    return Credit.objects.filter(work__slug="joji-run", person__slug="joji", role="editor").exists()


def api_delete_credit(client, form_of, capture) -> bool:
    credit = Credit.objects.filter(work__slug="joji-run").order_by("pk").first()
    response = Client().delete(f"/api/v1/credits/{credit.pk}", headers=token_of(client))
    assert response.status_code in (204, 401, 403), response.status_code
    return not Credit.objects.filter(pk=credit.pk).exists()


def open_catalog_changes(client, form_of, capture) -> bool:
    response = client.get(reverse("audit:changes"))
    refused_cleanly(response)
    return response.status_code == 200


def revert_catalog_change(client, form_of, capture) -> bool:
    """Undo an editor's change from the history: the record goes back as it was."""
    work = Work.objects.get(slug="joji-run")
    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("changer", "changer@example.com", "pw"))
    url = f"/admin/snippets/catalog/work/edit/{work.pk}/"
    data = form_of(url)
    data["description"] = "Changed, to be reverted by the role matrix."
    assert editor.post(url, data).status_code == 302
    change = Change.objects.filter(record_type=ContentType.objects.get_for_model(Work),
                                   record_id=work.pk).latest("id")
    refused_cleanly(client.post(reverse("audit:revert", args=[change.batch, change.record_type_id, work.pk])))
    return Work.objects.get(pk=work.pk).description != "Changed, to be reverted by the role matrix."


def edit_release_event(client, form_of, capture) -> bool:
    from releases.models import ReleaseEvent

    event = ReleaseEvent.objects.order_by("pk").first()
    url = f"/admin/snippets/releases/releaseevent/edit/{event.pk}/"
    data = form_of(url)
    data["note"] = "Noted by the role matrix."
    refused_cleanly(client.post(url, data))
    return ReleaseEvent.objects.get(pk=event.pk).note == "Noted by the role matrix."


ACTIONS = {
    view_admin: {"writer", "editor", "admin"},
    create_draft_article: {"writer", "editor", "admin"},
    publish_article: STAFF,
    edit_credit: STAFF,
    edit_work: STAFF,
    edit_person: STAFF,
    accept_import_proposal: STAFF,
    send_tip: set(ROLE_NAMES),
    open_moderation_queue: STAFF,
    reject_tip: STAFF,
    accept_tip: STAFF,
    edit_release_event: STAFF,
    api_change_person: STAFF,
    api_add_credit: STAFF,
    api_delete_credit: STAFF,
    open_catalog_changes: STAFF,
    revert_catalog_change: STAFF,
}


@pytest.mark.parametrize("action", list(ACTIONS), ids=lambda action: action.__name__)
@pytest.mark.parametrize("role", ROLE_NAMES)
def test_role_matrix(role, action, form_of, django_capture_on_commit_callbacks):
    client = member_of(role)
    done = action(client, form_of, django_capture_on_commit_callbacks)
    assert done == (role in ACTIONS[action]), f"{role} {'could' if done else 'could not'} {action.__name__}"


def test_a_writer_sends_a_draft_to_the_editors_who_approve_it(form_of):
    writer, editor = member_of("writer"), member_of("editor")
    assert create_draft_article(writer, form_of, None)
    page = ArticlePage.objects.get(slug="role-matrix-draft")
    data = form_of(f"/admin/pages/{page.pk}/edit/")
    data["action-submit"] = "action-submit"
    assert writer.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task = Task.objects.get(pk=state.current_task_state.task_id).specific
    assert Group.objects.get(name=EDITORS) in task.groups.all()
    # The editor approves from the workflow action, and the article goes live.
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[page.pk, "approve", state.current_task_state.pk])
    assert editor.post(url, {"comment": ""}).status_code in (200, 302)
    assert ArticlePage.objects.get(pk=page.pk).live


def test_a_writer_cannot_publish_even_by_asking_for_it(form_of):
    writer = member_of("writer")
    assert create_draft_article(writer, form_of, None)
    page = ArticlePage.objects.get(slug="role-matrix-draft")
    data = form_of(f"/admin/pages/{page.pk}/edit/")
    data["action-publish"] = "action-publish"
    writer.post(f"/admin/pages/{page.pk}/edit/", data)
    assert not ArticlePage.objects.get(pk=page.pk).live


def test_setting_up_roles_again_changes_nothing():
    assert ensure_roles().granted == 0
    assert {role.group for role in ROLES} <= set(Group.objects.values_list("name", flat=True))


def test_a_new_section_is_open_to_writers():
    home = Page.objects.get(depth=2)
    section = home.add_child(instance=SectionPage(title="Interviews", slug="interviews"))
    granted = GroupPagePermission.objects.filter(group__name=WRITERS, page=section)
    assert set(granted.values_list("permission__codename", flat=True)) == {"add_page", "change_page"}


def test_a_permission_that_arrives_later_is_granted_on_the_next_run():
    editors = Group.objects.get(name=EDITORS)
    moderate = Permission.objects.get(content_type__app_label="submissions", codename="moderate_submission")
    moderate.delete()  # as if the submissions app had no migration yet
    assert "submissions.moderate_submission" in ensure_roles().missing
    moderate.pk = None
    moderate.save()
    ensure_roles()
    assert editors.permissions.filter(codename="moderate_submission").exists()


def test_reset_takes_away_what_a_role_does_not_list():
    writers = Group.objects.get(name=WRITERS)
    writers.permissions.add(Permission.objects.get(codename="change_work"))
    assert writers.permissions.filter(codename="change_work").exists()  # added by hand: kept
    ensure_roles()
    assert writers.permissions.filter(codename="change_work").exists()
    report = ensure_roles(reset=True)
    assert report.removed >= 1
    assert not writers.permissions.filter(codename="change_work").exists()
    assert writers.permissions.filter(codename="access_admin").exists()
