"""Shared fixtures. The demo content is loaded once per test session and every test runs inside
a transaction that is rolled back, so each one sees the same catalog and articles."""
from pathlib import Path

import pytest

OUTPUT_DIR = Path(__file__).resolve().parent.parent / "test-output"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo(with_admin=False)


@pytest.fixture
def committed_demo(transactional_db):
    """Demo content for tests that commit (threads, live server, worker): such tests end by
    emptying the database, so each one loads the demo again (it is idempotent)."""
    from demo.loader import load_demo

    load_demo(with_admin=False)


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
