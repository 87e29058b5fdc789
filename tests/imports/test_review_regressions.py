"""Problems a first review of the import workflow found; each stays fixed."""
import pytest
from django.contrib.auth import get_user_model

from catalog.models import Credit, Work
from imports.importing import queue_import
from imports.models import ImportedArticle
from imports.review import ReviewError, accept, conflicts

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    return client


def run(text, capture, name="a.txt"):
    with capture(execute=True):
        item, created = queue_import(name, text)
    return ImportedArticle.objects.get(pk=item.pk), created


def test_windows_1251_files_import_as_russian(on_commit):
    text = "Клип «Сосны»\n\nКлип «Сосны» снял режиссёр Пётр Сомов.".encode("cp1251")
    item, _ = run(text, on_commit)
    assert item.page.title == "Клип «Сосны»" and item.language == "ru"


def test_a_headline_on_its_own_line_keeps_the_first_paragraph(on_commit):
    item, _ = run('Ann Lee — "Blue"\nThe video was directed by Tessa Varga.\n', on_commit)
    assert item.status == "done"
    assert "directed by Tessa Varga" in item.page.body and item.page.title == 'Ann Lee — "Blue"'


def test_a_credit_citing_a_draft_shows_its_sentence_without_a_dead_link(client, on_commit):
    item, _ = run('Ann Lee — "Blue"\n\nThe video for "Blue" was directed by Tessa Varga.',
                  on_commit)
    accept(item.proposals.get(role="director"))
    video = Work.objects.get(title="Blue")
    page = client.get(video.get_absolute_url()).content.decode()
    assert "directed by Tessa Varga" in page
    assert item.page.url not in page  # the draft is not public yet


def test_a_different_album_date_is_a_conflict(on_commit):
    first, _ = run('Ann Lee — "Blue"\n\nThe video for "Blue" is out now. The album "Sea" was released '
                   'on 4 April 2025.', on_commit)
    accept(first.proposals.get(kind="album"))
    accept(first.proposals.get(kind="album_date"))
    second, _ = run('Ann Lee — "Blue"\n\nThe video for "Blue" is a hit. The album "Sea" came out '
                    'on 9 May 2025.', on_commit, name="b.txt")
    proposal = second.proposals.get(kind="album_date")
    assert conflicts(proposal)
    with pytest.raises(ReviewError):
        accept(proposal)


def test_a_credit_already_cited_keeps_its_first_source(on_commit):
    item, _ = run("The video for \"Run\" by Joji was directed by Aisultan Seitov.", on_commit)
    before = Credit.objects.get(work__slug="joji-run", role="director")
    accept(item.proposals.get(role="director"))
    after = Credit.objects.get(pk=before.pk)
    assert (after.source_article_id, after.source_quote) == (before.source_article_id, before.source_quote)


def test_save_and_accept_saves_nothing_when_the_accept_is_refused(editor, on_commit):
    item, _ = run('The video for "Run" was directed by Marta Kowalska.', on_commit)
    proposal = item.proposals.get(role="director")
    editor.post(f"/admin/imports/proposal/{proposal.pk}/",
                {"action": "edit_accept", "name": "Paul R. Stone", "role": "director"})
    proposal.refresh_from_db()
    assert proposal.status == "pending" and proposal.name == "Marta Kowalska"


def test_importing_known_text_again_in_the_admin_opens_the_earlier_import(editor, on_commit):
    from editorial.models import SectionPage

    item, _ = run('The video for "Run" was directed by Marta Kowalska.', on_commit)
    news = SectionPage.objects.get(slug="news")
    response = editor.post("/admin/imports/", {"text": 'The video for "Run" was directed by Marta Kowalska.',
                                               "section": news.pk})
    assert response.status_code == 302 and response["Location"] == f"/admin/imports/{item.pk}/"
