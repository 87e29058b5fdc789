"""Every setting docs/operations.md names is read from the environment, as a deployment sets it."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import cache
cache.set("deepcuts-settings-probe", 42)
print(json.dumps({
    "databases": {alias: [c["HOST"], c["PORT"], c["NAME"]] for alias, c in settings.DATABASES.items()},
    "routers": settings.DATABASE_ROUTERS,
    "cache": [settings.CACHES["default"]["BACKEND"], cache.get("deepcuts-settings-probe")],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"],
    "media": settings.STORAGES["default"],
    "sessions": settings.SESSION_ENGINE,
}))
"""


def probe(**env) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                            check=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": "deepcuts.settings.dev",
                                             **env})
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_several_machine_deployment_is_configured_from_the_environment():
    seen = probe(
        DATABASE_URL="postgres://app@db-primary:5432/deepcuts",
        DATABASE_REPLICA_URLS="postgres://app@db-replica-1:5432/deepcuts,postgres://app@db-replica-2:5432/deepcuts",
        DEEPCUTS_REDIS_URL="redis://127.0.0.1:6379/5",
        DEEPCUTS_ELASTICSEARCH_URL="http://search-1:9200,http://search-2:9200",
        DEEPCUTS_MEDIA_STORAGE="django.core.files.storage.FileSystemStorage",
        DEEPCUTS_MEDIA_STORAGE_OPTIONS='{"location": "/srv/shared-media"}',
        DEEPCUTS_SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    )
    assert seen["databases"] == {"default": ["db-primary", 5432, "deepcuts"],
                                 "replica0": ["db-replica-1", 5432, "deepcuts"],
                                 "replica1": ["db-replica-2", 5432, "deepcuts"]}
    assert seen["routers"] == ["deepcuts.db_router.PrimaryReplicaRouter"]
    # The cache really is the Redis server on loopback: the probe's value came back.
    assert seen["cache"] == ["django.core.cache.backends.redis.RedisCache", 42]
    assert seen["search"]["URLS"] == ["http://search-1:9200", "http://search-2:9200"]
    assert seen["media"]["OPTIONS"] == {"location": "/srv/shared-media"}
    assert seen["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_one_machine_needs_none_of_it(tmp_path):
    seen = probe(DATABASE_URL="sqlite:///:memory:", DEEPCUTS_CACHE_DIR=str(tmp_path))
    assert list(seen["databases"]) == ["default"]
    assert seen["cache"] == ["django.core.cache.backends.filebased.FileBasedCache", 42]
    assert seen["search"] == {"BACKEND": "wagtail.search.backends.database"}
    assert seen["media"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_the_operations_guide_names_only_settings_that_exist():
    guide = (ROOT / "docs" / "operations.md").read_text()
    settings_text = "".join(p.read_text() for p in (ROOT / "deepcuts" / "settings").glob("*.py"))
    named = set(re.findall(r"\b((?:DEEPCUTS|DATABASE)_[A-Z_]+[A-Z])\b", guide))
    assert named, "the guide names no settings"
    missing = sorted(name for name in named if name not in settings_text)
    assert missing == [], f"docs/operations.md names settings the code never reads: {missing}"


ADDRESS_PROBE = """
import django
django.setup()
from django.test import RequestFactory
from submissions.ratelimit import client_address
request = RequestFactory().post("/submit/", REMOTE_ADDR="10.0.0.2",
                                HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.5, 10.0.0.1")
print(client_address(request))
"""


def address_seen(**env) -> subprocess.CompletedProcess:
    """What the submissions rate limit takes for the sender's address, in a process configured
    only by `env`: the reader forged 198.51.100.9, the outer proxy saw 203.0.113.5, the inner
    one 10.0.0.1, and the app server was reached from 10.0.0.2."""
    environment = {name: value for name, value in os.environ.items() if name != "DEEPCUTS_PROXY_COUNT"}
    environment.update(DJANGO_SETTINGS_MODULE="deepcuts.settings.dev", DATABASE_URL="sqlite:///:memory:",
                       **env)
    return subprocess.run([sys.executable, "-c", ADDRESS_PROBE], cwd=ROOT, capture_output=True,
                          text=True, env=environment)


def test_the_proxy_count_from_the_environment_reaches_the_rate_limit():
    assert address_seen().stdout.strip() == "10.0.0.2"  # no proxies by default: REMOTE_ADDR
    assert address_seen(DEEPCUTS_PROXY_COUNT="0").stdout.strip() == "10.0.0.2"
    assert address_seen(DEEPCUTS_PROXY_COUNT="1").stdout.strip() == "10.0.0.1"
    assert address_seen(DEEPCUTS_PROXY_COUNT="2").stdout.strip() == "203.0.113.5"


def test_a_proxy_count_that_is_not_a_count_stops_the_start_with_a_sentence():
    for wrong in ("-1", "one", "1.5"):
        result = address_seen(DEEPCUTS_PROXY_COUNT=wrong)
        assert result.returncode != 0
        assert "ImproperlyConfigured: DEEPCUTS_PROXY_COUNT must be the number of reverse proxies" in \
            result.stderr, result.stderr[-500:]
        assert repr(wrong) in result.stderr


CACHE_STEP = """
import sys, django
django.setup()
from django.core.cache import cache
from editorial.context_processors import NAV_CACHE_KEY
action = sys.argv[1]
if action == "set":
    cache.set(NAV_CACHE_KEY, [("/news/", "News", "Новости")], timeout=None)
elif action == "delete":
    cache.delete(NAV_CACHE_KEY)
print(repr(cache.get(NAV_CACHE_KEY)))
"""


def test_without_redis_every_process_on_the_machine_shares_one_cache(tmp_path):
    """gunicorn's workers and the task worker are separate processes: the navigation one of
    them stores, and then drops when a section changes, must be gone for all of them."""
    def step(action: str) -> str:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deepcuts.settings.dev",
               "DATABASE_URL": "sqlite:///:memory:", "DEEPCUTS_CACHE_DIR": str(tmp_path)}
        env.pop("DEEPCUTS_REDIS_URL", None)
        result = subprocess.run([sys.executable, "-c", CACHE_STEP, action], cwd=ROOT, env=env,
                                capture_output=True, text=True, check=True)
        return result.stdout.strip().splitlines()[-1]

    assert step("set") == "[('/news/', 'News', 'Новости')]"
    assert step("get") == "[('/news/', 'News', 'Новости')]"  # another process sees it
    assert step("delete") == "None"
    assert step("get") == "None"  # and sees it dropped
