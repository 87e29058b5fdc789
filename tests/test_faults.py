"""Faults a reader or an editor must not notice beyond a pause: a task worker killed in the middle
of an import, and a database that stops answering. (bench/faults.py does both at scale, with a
real PostgreSQL stopped under load.)"""
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from deepcuts import urls as site_urls

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


def start_worker(log, *args: str) -> subprocess.Popen:
    """`deepcuts worker` as production runs it: its own process, production settings."""
    env = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict),
           "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
           "DJANGO_SECRET_KEY": "faults-test-" + "x" * 50, "DJANGO_ALLOWED_HOSTS": "testserver"}
    return subprocess.Popen(
        [sys.executable, "-m", "deepcuts.cli", "worker", "--no-startup-delay", "--interval", "0.1", *args],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


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
        call_command("import_articles", str(articles(tmp_path, 4)), stdout=io.StringIO())
    assert DBTaskResult.objects.filter(status="READY").count() == 4

    log_path = tmp_path / "worker.log"
    log = log_path.open("ab")
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
    assert second.wait(timeout=240) == 0, log_path.read_text()
    log.close()

    victim.refresh_from_db()
    assert victim.status == "SUCCESSFUL", log_path.read_text()
    assert len(victim.worker_ids) == 2
    assert DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0
    imports = list(ImportedArticle.objects.all())
    assert len(imports) == 4 and all(i.status == "done" for i in imports)
    assert ArticlePage.objects.count() == pages_before + 4
    assert len({i.page_id for i in imports}) == 4
    for imported in imports:
        proposals = list(Proposal.objects.filter(imported=imported).values_list(
            "kind", "video_title", "role", "name", "value"))
        assert proposals, imported.source_name
        assert len(proposals) == len(set(proposals)), f"duplicated proposals in {imported.source_name}"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_refusing_connections():
    """The test database's settings pointed where nothing answers: a port nobody listens on, or
    (SQLite) a file in a folder that does not exist. Put back afterwards, as a restart would."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-deepcuts-folder/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=closed_port())
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def assert_back_soon(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_pages_answer_503_while_the_database_is_down_and_recover_by_themselves(transactional_db, client):
    client.cookies["django_language"] = "en"
    with database_refusing_connections():
        response = client.get("/")
        assert_back_soon(response)
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert "We will be back in a moment" in html and 'href="/"' in html
        assert "Traceback" not in html and "OperationalError" not in html
    assert client.get("/api/v1/videos").status_code == 200


def test_the_health_check_says_ok_and_takes_the_server_out_while_the_database_is_down(
        transactional_db, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]  # a proxy must ask every time
    with database_refusing_connections():
        assert_back_soon(client.get("/healthz"))
    assert client.get("/healthz").status_code == 200


def test_the_503_page_speaks_the_readers_language(transactional_db, client):
    client.cookies["django_language"] = "ru"
    with database_refusing_connections():
        response = client.get("/videos/rm-come-back-to-me/")
    assert_back_soon(response)
    assert '<html lang="ru">' in response.content.decode()


def test_the_api_answers_503_in_json_while_the_database_is_down(transactional_db, client):
    with database_refusing_connections():
        response = client.get("/api/v1/videos?limit=5")
    assert_back_soon(response)
    assert response["Content-Type"].startswith("application/json")
    assert "try again in 30 seconds" in response.json()["detail"]


def test_a_form_sent_while_the_database_is_down_says_how_to_keep_the_text(transactional_db, client):
    client.cookies["django_language"] = "en"
    with database_refusing_connections():
        response = client.post("/submit/", {"kind": "tip", "title": "A tip", "text": "Some words."})
    assert_back_soon(response)
    html = response.content.decode()
    assert "Back button" in html and "Try again" not in html


class SessionWritingURLs:
    """A view that needs no database but leaves a session to save: the failure then happens in
    SessionMiddleware after the view, outside any view's exception handling."""

    @staticmethod
    def remember(request):
        request.session["seen"] = True
        return HttpResponse("ok")

    urlpatterns = [path("remember/", remember), *site_urls.urlpatterns]


@override_settings(ROOT_URLCONF=SessionWritingURLs)
def test_a_database_failure_after_the_view_also_gives_503(transactional_db):
    client = Client(raise_request_exception=False)
    with database_refusing_connections():
        response = client.get("/remember/")
    assert_back_soon(response)


class FailingQueryURLs:
    @staticmethod
    def locked(request):
        from audit.models import Change

        Change.objects.count()  # the connection works...
        raise OperationalError("database is locked")  # ...the statement does not

    urlpatterns = [path("locked/", locked), *site_urls.urlpatterns]


@override_settings(ROOT_URLCONF=FailingQueryURLs)
def test_other_database_errors_are_not_disguised_as_an_outage(transactional_db):
    response = Client(raise_request_exception=False).get("/locked/")
    assert response.status_code == 500


def running_task(*worker_ids: str):
    """A queued task (re-matching legal notices: safe to run twice) claimed by these workers."""
    from django_tasks_db.models import DBTaskResult

    from editorial.tasks import refresh_all_notices

    with override_settings(TASKS=DATABASE_TASKS):
        result = refresh_all_notices.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", started_at=timezone.now(),
                                                     worker_ids=list(worker_ids))
    return DBTaskResult.objects.get(pk=result.id)


def heartbeat(worker_id: str, seconds_ago: float, hostname: str = "another-machine"):
    from backups.models import WorkerHeartbeat

    seen = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(worker_id=worker_id, hostname=hostname, pid=1,
                                          started_at=seen, seen_at=seen)


def test_a_task_whose_worker_stopped_beating_is_queued_again_once(db):
    from backups.recovery import STALE_AFTER_SECONDS, reclaim_orphaned_tasks

    heartbeat("lost-worker", seconds_ago=STALE_AFTER_SECONDS + 5)
    task = running_task("lost-worker")

    assert reclaim_orphaned_tasks().requeued == [str(task.pk)]
    task.refresh_from_db()
    assert task.status == "READY"
    assert reclaim_orphaned_tasks().requeued == []  # running it twice moves nothing twice


def test_a_task_whose_worker_is_beating_is_left_alone(db):
    from backups.recovery import reclaim_orphaned_tasks

    heartbeat("busy-worker", seconds_ago=2)
    task = running_task("busy-worker")

    assert reclaim_orphaned_tasks().requeued == []
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_a_task_that_stopped_three_workers_fails_with_a_reason(db):
    from backups.recovery import MAX_ATTEMPTS, WORKER_LOST, reclaim_orphaned_tasks

    task = running_task(*[f"dead-{n}" for n in range(MAX_ATTEMPTS)])

    assert reclaim_orphaned_tasks().failed == [str(task.pk)]
    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == WORKER_LOST
    assert "stopped without finishing it 3 times" in task.traceback
