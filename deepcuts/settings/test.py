"""The test suite: same database choice as the environment (SQLite, or DATABASE_URL)."""
import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# A Jinja2 template printing a method (brackets forgotten) fails its test (deepcuts/templating.py).
TEMPLATES_STRICT = True
# Each test process has a database of its own, so a cache of its own: a shared one would carry
# one database's navigation into another's tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: tests that read concurrently need real locking, as in production.
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    # DEEPCUTS_TEST_DB lets two test runs share a checkout without sharing a database.
    test_db = os.environ.get("DEEPCUTS_TEST_DB", "test")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"{test_db}.sqlite3")}  # noqa: F405
