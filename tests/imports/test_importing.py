"""Import: an article becomes a draft page with proposed facts; the same text twice changes
nothing; a crash mid-way leaves nothing behind and a retry finishes the job once."""
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.models import Person
from editorial.models import ArticlePage
from imports import importing
from imports.importing import process, queue_import
from imports.linking import CatalogIndex
from imports.models import ImportedArticle, Proposal

pytestmark = pytest.mark.django_db

ARTICLE = """Joji — «Run»: как устроен клип

Клип «Run» вышел 6 февраля 2020 года. Его снял режиссёр Айсултан Сеитов. Оператором стал \
Иван Петров. Клип отсылает к видео «Sanctuary».
"""


def import_text(text=ARTICLE, name="run.txt", **kwargs):
    imported, created = queue_import(name, text, **kwargs)
    return ImportedArticle.objects.get(pk=imported.pk), created


def test_an_article_becomes_a_draft_with_proposals(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        imported, created = import_text()
    imported.refresh_from_db()
    assert created and imported.status == ImportedArticle.Status.DONE
    page = imported.page
    assert isinstance(page, ArticlePage) and not page.live and page.language == "ru"
    assert page.get_parent().slug == "news"
    assert "Айсултан Сеитов" in page.body
    facts = {(p.kind, p.role, p.name or p.value) for p in imported.proposals.all()}
    assert ("credit", "director", "Aisultan Seitov") in facts
    assert ("credit", "cinematographer", "Иван Петров") in facts
    assert ("release_date", "", "2020-02-06") in facts
    assert ("reference", "references", "Sanctuary") in facts


def test_known_people_and_videos_are_linked_to_the_catalog(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        imported, _ = import_text()
    director = imported.proposals.get(role="director")
    assert director.person == Person.objects.get(slug="aisultan-seitov")
    assert director.work.slug == "joji-run"
    newcomer = imported.proposals.get(role="cinematographer")
    assert newcomer.person is None and newcomer.suggested_person is None


def test_the_same_article_twice_changes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = import_text()
    counts = (ImportedArticle.objects.count(), Proposal.objects.count(), ArticlePage.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        again, created = import_text(name="copy-of-run.txt", text=ARTICLE.replace("\n", "\n\n  "))
    assert not created and again.pk == first.pk
    process(first.pk)  # a second run of the task finds the work done
    assert (ImportedArticle.objects.count(), Proposal.objects.count(), ArticlePage.objects.count()) == counts


def test_a_crash_mid_import_leaves_nothing_and_a_retry_finishes_once(monkeypatch):
    imported, _ = import_text()  # queued: its task is not run (no on_commit in this test)
    pages = ArticlePage.objects.count()
    real = importing.proposals_from

    def crash(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(importing, "proposals_from", crash)
    with pytest.raises(RuntimeError):
        process(imported.pk)
    imported.refresh_from_db()
    assert imported.status == ImportedArticle.Status.QUEUED
    assert ArticlePage.objects.count() == pages and not Proposal.objects.exists()

    monkeypatch.setattr(importing, "proposals_from", real)
    process(imported.pk)
    process(imported.pk)
    assert ArticlePage.objects.count() == pages + 1
    assert Proposal.objects.filter(imported=imported, role="director").count() == 1


def test_binary_and_empty_input_are_refused():
    from extraction import ExtractionInputError

    with pytest.raises(ExtractionInputError, match="binary"):
        queue_import("x.bin", b"\x00\x01\x02")
    with pytest.raises(ExtractionInputError, match="empty"):
        queue_import("x.txt", "   ")


def test_a_spelling_known_to_the_catalog_links_directly():
    index = CatalogIndex()
    assert index.person("Ли Сон Джин").person.slug == "lee-sung-jin"  # a recorded alias
    assert index.person("lee sung jin").person.slug == "lee-sung-jin"


def test_a_match_only_across_scripts_needs_a_second_clue():
    from catalog.models import Credit, Work

    park = Person.objects.create(name="Park Seo-jun", slug="park-seo-jun")  # no Cyrillic alias
    run = Work.objects.get(slug="joji-run")
    match = CatalogIndex().person("Пак Со Джун", run, "cast")
    assert match.person is None and match.suggestion == park  # the editor confirms
    Credit.objects.create(work=run, person=park, role="cast")
    assert CatalogIndex().person("Пак Со Джун", run, "cast").person == park  # same video: linked


def test_different_people_stay_apart():
    match = CatalogIndex().person("Ким Мин Джэ", None, "cast")
    assert match.person is None and match.suggestion is None  # Kim Min-ha is someone else


def test_import_command_reports_and_repeats_safely(tmp_path, capsys, django_capture_on_commit_callbacks):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "run.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(folder))
    out = capsys.readouterr()
    assert "1 imported" in out.out and "0 already imported, 1 refused." in out.out
    assert "empty" in out.err
    assert ImportedArticle.objects.get(source_name__endswith="run.txt").status == "done"
    call_command("import_articles", str(folder / "run.txt"))
    assert "0 imported (0 ready for review), 1 already imported" in capsys.readouterr().out


def test_import_command_mistakes_exit_2():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as err:
        call_command("import_articles", str(Path("/no/such/folder")))
    assert err.value.returncode == 2 and "No such file" in str(err.value)
