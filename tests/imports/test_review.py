"""Review: each proposal is accepted (it enters the catalog citing its sentence), corrected, or
rejected; one that contradicts the catalog is flagged with both sources."""
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from catalog.models import Credit, Person, Work, WorkLink
from imports.importing import queue_import
from imports.models import ImportedArticle, Proposal
from imports.review import ReviewError, accept, conflicts, edit, reject

pytestmark = pytest.mark.django_db

NEW_VIDEO = """Velvet Static — «Neon Vigil»

Клип «Neon Vigil» вышел 10 мая 2024 года. Режиссёром выступила Инес Колдуэлл, оператором — \
Кофи Менса. Песня вошла в альбом «Afterglow Motel».
"""
WRONG_DIRECTOR = """Joji's "Run", revisited

The video for "Run" was directed by Marta Kowalska and came out on 7 February 2020.
"""


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(user)
    client.user = user
    return client


def imported(text, capture):
    with capture(execute=True):
        item, _ = queue_import("article.txt", text)
    return ImportedArticle.objects.get(pk=item.pk)


def test_accepting_a_credit_creates_video_person_and_cited_credit(django_capture_on_commit_callbacks):
    item = imported(NEW_VIDEO, django_capture_on_commit_callbacks)
    proposal = item.proposals.get(role="director")
    accept(proposal)
    credit = Credit.objects.get(role="director", work__title="Neon Vigil")
    assert credit.person.name == "Инес Колдуэлл"
    assert credit.source_article_id == item.page_id
    assert credit.source_quote == proposal.evidence and "Режиссёром" in credit.source_quote
    assert [a.person.name for a in credit.work.artists.all()] == ["Velvet Static"]
    # The draft article is now about the video and the person.
    from editorial.models import ArticlePage

    draft = ArticlePage.objects.get(pk=item.page_id).get_latest_revision_as_object()
    assert credit.work in draft.videos.all() and credit.person in draft.people.all()
    # Other proposals about the same video now point at the new catalog entry.
    assert item.proposals.get(role="cinematographer").work == credit.work


def test_accepting_dates_and_albums(django_capture_on_commit_callbacks):
    item = imported(NEW_VIDEO, django_capture_on_commit_callbacks)
    accept(item.proposals.get(kind="release_date"))
    accept(item.proposals.get(kind="album"))
    video = Work.objects.get(title="Neon Vigil")
    assert video.release.isoformat() == "2024-05-10"
    assert video.album.title == "Afterglow Motel" and video.album.kind == "album"


def test_a_contradicting_director_is_a_conflict_with_both_sources(django_capture_on_commit_callbacks):
    item = imported(WRONG_DIRECTOR, django_capture_on_commit_callbacks)
    proposal = item.proposals.get(role="director")
    assert proposal.work.slug == "joji-run"
    found = conflicts(proposal)
    assert found and "Aisultan Seitov" in found[0].description
    assert "Сеитов" in found[0].source  # the demo sentence that stated it, and its article
    with pytest.raises(ReviewError, match="contradicts"):
        accept(proposal)
    accept(proposal, force=True)
    assert Credit.objects.filter(work__slug="joji-run", role="director").count() == 2
    date = item.proposals.get(kind="release_date")
    assert conflicts(date) and "2020-02-06" in conflicts(date)[0].description


def test_reject_keeps_the_reason_and_decisions_are_final(django_capture_on_commit_callbacks):
    item = imported(WRONG_DIRECTOR, django_capture_on_commit_callbacks)
    proposal = reject(item.proposals.get(role="director"), reason="wrong video")
    assert proposal.status == "rejected" and proposal.reason == "wrong video"
    with pytest.raises(ReviewError, match="already been decided"):
        accept(proposal)


def test_edit_then_accept_and_bad_edits_are_refused(django_capture_on_commit_callbacks):
    item = imported(NEW_VIDEO, django_capture_on_commit_callbacks)
    proposal = item.proposals.get(role="cinematographer")
    with pytest.raises(ReviewError, match="not a role"):
        edit(proposal, role="best boy")
    with pytest.raises(ReviewError):
        edit(item.proposals.get(kind="release_date"), value="10/05/2024")
    edit(proposal, name="Kofi Mensah", role="editor")
    accept(proposal)
    assert Credit.objects.filter(person__name="Kofi Mensah", role="editor").exists()


def test_a_reference_becomes_a_typed_link(django_capture_on_commit_callbacks):
    text = 'The video for "Run" is a callback to "Sanctuary", Joji\'s space opera.'
    item = imported(text, django_capture_on_commit_callbacks)
    accept(item.proposals.get(kind="reference"))
    assert WorkLink.objects.filter(source__slug="joji-run", target__slug="joji-sanctuary").exists()


def test_review_screen_highlights_evidence_and_acts_on_a_click(editor, django_capture_on_commit_callbacks):
    item = imported(NEW_VIDEO, django_capture_on_commit_callbacks)
    page = BeautifulSoup(editor.get(f"/admin/imports/{item.pk}/").content, "html.parser")
    marks = [m.get_text() for m in page.select(".review-text mark")]
    assert any("Инес Колдуэлл" in m for m in marks)
    director = item.proposals.get(role="director")
    response = editor.post(f"/admin/imports/proposal/{director.pk}/", {"action": "accept"})
    assert response.status_code == 302
    director.refresh_from_db()
    assert director.status == "accepted" and director.decided_by == editor.user


def test_review_screen_shows_conflicts(editor, django_capture_on_commit_callbacks):
    item = imported(WRONG_DIRECTOR, django_capture_on_commit_callbacks)
    page = editor.get(f"/admin/imports/{item.pk}/").content.decode()
    assert "Conflict" in page and "Accept anyway" in page
    proposal = item.proposals.get(role="director")
    editor.post(f"/admin/imports/proposal/{proposal.pk}/", {"action": "accept"})
    proposal.refresh_from_db()
    assert proposal.status == "pending"  # refused without "accept anyway"


def test_import_screen_queues_pasted_text_and_shows_progress(editor, django_capture_on_commit_callbacks):
    from editorial.models import SectionPage

    reviews = SectionPage.objects.get(slug="reviews")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post("/admin/imports/", {"text": NEW_VIDEO, "section": reviews.pk})
    assert response.status_code == 302 and "/admin/imports/batch/" in response["Location"]
    batch = editor.get(response["Location"])
    assert b"<progress" in batch.content and b"1 of 1 processed" in batch.content
    item = ImportedArticle.objects.get()
    assert item.page.get_parent().specific == reviews


def test_import_screen_refuses_empty_input_and_keeps_the_form(editor):
    response = editor.post("/admin/imports/", {"text": "   "})
    assert response.status_code == 200
    assert "Paste an article or choose at least one file." in response.content.decode()


def test_people_without_permission_cannot_review(client):
    user = get_user_model().objects.create_user("reader", "r@example.com", "pw")
    client.force_login(user)
    assert client.get("/admin/imports/").status_code in (302, 403)


def test_imports_queue_for_the_worker_with_the_database_backend(committed_demo):
    from django_tasks_db.models import DBTaskResult

    tasks = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=tasks):
        item, _ = queue_import("queued.txt", NEW_VIDEO)
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        assert ImportedArticle.objects.get(pk=item.pk).status == "queued"
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert ImportedArticle.objects.get(pk=item.pk).status == "done"
    assert Proposal.objects.filter(imported=item).exists()
    assert Person.objects.filter(name="Velvet Static").count() == 0  # nothing enters the catalog unreviewed
