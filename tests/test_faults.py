"""Faults a reader or an editor must not notice beyond a pause: a task worker killed in the middle
of an import, and a database that stops answering. (bench/faults.py does both at scale, with a
real PostgreSQL stopped under load.)"""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "eval" / "corpus"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url(settings_dict: dict) -> str:
    """The URL a subprocess needs to reach the database this test uses (the test database)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def start_worker(log: Path, *args: str) -> subprocess.Popen:
    """`deepcuts worker` as production runs it: its own process, production settings."""
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict),
           "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
           "DJANGO_SECRET_KEY": "faults-test-" + "x" * 50, "DJANGO_ALLOWED_HOSTS": "testserver"}
    return subprocess.Popen(
        [sys.executable, "-m", "deepcuts.cli", "worker", "--no-startup-delay", "--interval", "0.1", *args],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def articles(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    sources = sorted(p for p in (CORPUS / "en").iterdir() if p.suffix != ".json")[:count]
    for source in sources:
        shutil.copy(source, folder / source.name)
    return folder


def test_a_worker_killed_mid_import_loses_and_duplicates_nothing(committed_demo, tmp_path):
    from django_tasks_db.models import DBTaskResult

    from editorial.models import ArticlePage
    from imports.models import ImportedArticle, Proposal

    pages_before = ArticlePage.objects.count()
    with override_settings(TASKS=DATABASE_TASKS):
        call_command("import_articles", str(articles(tmp_path, 4)), stdout=open(os.devnull, "w"))
    assert DBTaskResult.objects.filter(status="READY").count() == 4

    log = tmp_path / "worker.log"
    first = start_worker(log)
    try:
        victim = wait_for(lambda: DBTaskResult.objects.filter(status="RUNNING").first(), 120,
                          "the worker to start a task")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    victim.refresh_from_db()
    assert victim.status == "RUNNING", "the kill should have caught the task in the middle"

    # A new worker sees at once that the old one's process is gone and runs its task again.
    second = start_worker(log, "--batch")
    assert second.wait(timeout=240) == 0, log.read_text()

    victim.refresh_from_db()
    assert victim.status == "SUCCESSFUL", log.read_text()
    assert len(victim.worker_ids) == 2
    assert DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0
    imports = list(ImportedArticle.objects.all())
    assert len(imports) == 4 and all(i.status == "done" for i in imports)
    assert ArticlePage.objects.count() == pages_before + 4
    assert len({i.page_id for i in imports}) == 4
    for imported in imports:
        proposals = list(Proposal.objects.filter(imported=imported).values_list(
            "kind", "role", "name", "evidence_start", "evidence_end"))
        assert proposals, imported.source_name
        assert len(proposals) == len(set(proposals)), f"duplicated proposals in {imported.source_name}"
