"""`deepcuts export` then `deepcuts restore` into an empty database gives the same content: every
table the same rows (primary keys included), on SQLite and on PostgreSQL, and a damaged export
or a database that already holds content is refused without changing anything."""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

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


def fingerprint_of(url: str, folder: Path) -> dict:
    """The fingerprint of the database at `url`, as a fresh process computes it: the footer of
    an export of it."""
    path = folder / f"check-{uuid.uuid4().hex[:8]}.jsonl"
    result = deepcuts("export", str(path), database_url=url)
    assert result.returncode == 0, result.stderr
    return json.loads(path.read_text(encoding="utf-8").splitlines()[-1])["footer"]


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


def assert_same_content(url: str, source, folder: Path) -> None:
    restored = fingerprint_of(url, folder)
    expected = source.as_json()
    assert restored["content_hash"] == source.content_hash
    assert restored["tables"] == expected["tables"]
    assert {name: restored["counts"][name] for name in expected["tables"]} == \
        {name: expected["counts"][name] for name in expected["tables"]}
    for name, digests in expected["matched"].items():  # content types, permissions: all there
        assert set(digests) <= set(restored["matched"][name])


def test_the_export_holds_what_the_database_holds(exported):
    path, written, source = exported
    assert written.content_hash == source.content_hash
    assert written.counts["editorial.articlepage"] == 12
    assert written.counts["wagtailcore.revision"] >= 12
    assert written.counts["catalog.credit"] > 0 and written.counts["taggit.tag"] > 0
    assert "sessions.session" not in written.counts
    assert "django_tasks_database.dbtaskresult" not in written.counts


def test_a_restore_into_an_empty_sqlite_database_gives_the_same_content(exported, empty_sqlite, tmp_path):
    path, _, source = exported
    result = deepcuts("restore", str(path), database_url=empty_sqlite)
    assert result.returncode == 0, result.stderr
    assert f"Content hash {source.content_hash}." in result.stdout
    assert_same_content(empty_sqlite, source, tmp_path)

    again = deepcuts("restore", str(path), database_url=empty_sqlite)
    assert again.returncode == 2
    assert "already holds content" in again.stderr and "--replace" in again.stderr
    assert again.stderr.count("\n") == 1
    assert fingerprint_of(empty_sqlite, tmp_path)["content_hash"] == source.content_hash


def test_a_restore_into_an_empty_postgresql_database_gives_the_same_content(exported, empty_postgres,
                                                                             tmp_path):
    path, _, source = exported
    result = deepcuts("restore", str(path), database_url=empty_postgres)
    assert result.returncode == 0, result.stderr
    assert f"Content hash {source.content_hash}." in result.stdout
    assert_same_content(empty_postgres, source, tmp_path)


def test_a_cut_off_export_is_refused_and_nothing_is_restored(exported, empty_sqlite, tmp_path):
    import gzip

    path, _, _ = exported
    lines = gzip.open(path, "rt", encoding="utf-8").read().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")

    result = deepcuts("restore", str(cut), database_url=empty_sqlite)
    assert result.returncode == 2
    assert "ends early" in result.stderr and "Nothing was restored" in result.stderr
    left = fingerprint_of(empty_sqlite, tmp_path)["counts"]
    assert "catalog.person" not in left and "editorial.articlepage" not in left


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
