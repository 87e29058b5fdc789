"""`deepcuts export` then `deepcuts restore` into an empty database gives the same content: every
table the same rows (primary keys included), on SQLite and on PostgreSQL, and a damaged export
or a database that already holds content is refused without changing anything."""
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.db import connections

from backups.content import fingerprint
from backups.exporting import export

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("DEEPCUTS_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")


def deepcuts(*args: str, database_url: str) -> subprocess.CompletedProcess:
    """The command an operator runs, in its own process, against the database at `database_url`."""
    env = {**os.environ, "DATABASE_URL": database_url,
           "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
           "DJANGO_SECRET_KEY": "backups-test-" + "x" * 50, "DJANGO_ALLOWED_HOSTS": "testserver"}
    return subprocess.run([sys.executable, "-m", "deepcuts.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@contextmanager
def opened(url: str):
    """A second database connection (alias "restored") for looking into the restored database."""
    alias = "restored"
    connections.settings[alias] = connections.configure_settings({alias: dj_database_url.parse(url)})[alias]
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


@pytest.fixture
def empty_sqlite(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'restored.sqlite3'}"


@pytest.fixture
def empty_postgres():
    name = f"deepcuts_restore_{uuid.uuid4().hex[:8]}"
    config = dj_database_url.parse(POSTGRES)
    admin = psycopg.connect(host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
                            password=config["PASSWORD"] or None, dbname=config["NAME"], autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture
def exported(db, tmp_path):
    """The demo content exported, with the fingerprint of the database it came from."""
    path = tmp_path / "demo.jsonl.gz"
    written = export(path)
    return path, written, fingerprint()


def assert_same_content(url: str, source) -> None:
    from editorial.models import ArticlePage

    with opened(url) as alias:
        restored = fingerprint(alias)
        assert restored.counts == source.counts
        assert restored.differences(source.as_json()) == []
        assert restored.content_hash == source.content_hash
        original = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
        article = ArticlePage.objects.using(alias).get(pk=original.pk)
        assert (article.title, article.url_path, article.body) == (original.title, original.url_path,
                                                                  original.body)
        assert list(article.revisions.using(alias).values_list("pk", flat=True)) == \
            list(original.revisions.values_list("pk", flat=True))


def test_the_export_holds_what_the_database_holds(exported):
    path, written, source = exported
    assert written.content_hash == source.content_hash
    assert written.counts["editorial.articlepage"] == 12
    assert written.counts["wagtailcore.revision"] >= 12
    assert written.counts["catalog.credit"] > 0 and written.counts["taggit.tag"] > 0
    assert "sessions.session" not in written.counts
    assert "django_tasks_database.dbtaskresult" not in written.counts


def test_a_restore_into_an_empty_sqlite_database_gives_the_same_content(exported, empty_sqlite):
    path, _, source = exported
    result = deepcuts("restore", str(path), database_url=empty_sqlite)
    assert result.returncode == 0, result.stderr
    assert f"Content hash {source.content_hash}." in result.stdout
    assert_same_content(empty_sqlite, source)

    again = deepcuts("restore", str(path), database_url=empty_sqlite)
    assert again.returncode == 2
    assert "already holds content" in again.stderr and "--replace" in again.stderr
    assert again.stderr.count("\n") == 1
    assert_same_content(empty_sqlite, source)


def test_a_restore_into_an_empty_postgresql_database_gives_the_same_content(exported, empty_postgres):
    path, _, source = exported
    result = deepcuts("restore", str(path), database_url=empty_postgres)
    assert result.returncode == 0, result.stderr
    assert f"Content hash {source.content_hash}." in result.stdout
    assert_same_content(empty_postgres, source)


def test_a_cut_off_export_is_refused_and_nothing_is_restored(exported, empty_sqlite, tmp_path):
    import gzip

    path, _, _ = exported
    lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")

    result = deepcuts("restore", str(cut), database_url=empty_sqlite)
    assert result.returncode == 2
    assert "ends early" in result.stderr and "Nothing was restored" in result.stderr
    with opened(empty_sqlite) as alias:
        from catalog.models import Person

        assert Person.objects.using(alias).count() == 0


def test_a_file_that_is_not_an_export_is_refused_in_one_line(tmp_path, empty_sqlite):
    other = tmp_path / "notes.json"
    other.write_text('{"hello": "world"}\n', encoding="utf-8")
    result = deepcuts("restore", str(other), database_url=empty_sqlite)
    assert result.returncode == 2
    assert "is not a Deep Cuts export" in result.stderr and result.stderr.count("\n") == 1


def test_export_will_not_overwrite_a_file(tmp_path, empty_sqlite):
    existing = tmp_path / "keep.jsonl"
    existing.write_text("precious", encoding="utf-8")
    result = deepcuts("export", str(existing), database_url=empty_sqlite)
    assert result.returncode == 2 and "already exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "precious"
