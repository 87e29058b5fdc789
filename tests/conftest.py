"""Shared fixtures. The demo content is loaded once per test session and every test runs inside
a transaction that is rolled back, so each one sees the same catalog and articles."""
import shutil
import threading
from pathlib import Path

import pytest

OUTPUT_DIR = Path(__file__).resolve().parent.parent / "test-output"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo(with_admin=False)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a test's rows are rolled back, but what the cache
    kept of them (sections, the site, the menu) would outlive them in the next test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a test that activates Russian must not leak it into the next
    one on the same worker (seen with pytest-xdist as a Russian message in an English assertion)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def committed_demo(transactional_db):
    """Demo content for tests that commit (threads, live server, worker): such tests end by
    emptying the database, so each one loads the demo again (it is idempotent)."""
    from demo.loader import load_demo

    load_demo(with_admin=False)


@pytest.fixture
def at_once():
    """Run calls in threads released together, as requests on separate workers would arrive:
    `at_once(fn, [args, ...])` returns each call's result in order and raises the first error a
    thread met. Each thread closes its own database connection, so none outlives the test."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def run(fn, arguments):
        barrier = threading.Barrier(len(arguments))

        def call(args):
            try:
                barrier.wait()
                return fn(*args)
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
            return list(pool.map(call, arguments))

    return run


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser(monkeypatch):
    """Debian's chromium, headless, driven by playwright (never a downloaded browser).

    Playwright's sync API runs an event loop in the test's thread, which makes Django refuse ORM
    calls as "async"; the test itself is synchronous, so that guard is lifted for it. While that
    loop runs, Django keeps the thread's connections in the loop's context, which ends with it:
    they are closed first, or PostgreSQL's test database could not be dropped at the end.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            connections.close_all()
            chromium.close()


@pytest.fixture
def site(live_server, committed_demo):
    """The demo site served for a browser: its base URL."""
    return live_server.url


@pytest.fixture
def output_dir(request) -> Path:
    path = OUTPUT_DIR / request.node.name
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def russian(client):
    client.cookies["django_language"] = "ru"
    return client
