"""Production settings as a deployment gets them: HTTPS only, secure cookies, HSTS and a CSP.

They are loaded in a separate process, as gunicorn would load them, because the test process
already runs under the test settings.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
plain = client.get("/api/v1/openapi.json", secure=False)
secure = client.get("/api/v1/openapi.json", secure=True)
print(json.dumps({
    "settings": {name: getattr(settings, name) for name in [
        "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT", "SESSION_COOKIE_HTTPONLY"]},
    "plain": [plain.status_code, plain.get("Location", "")],
    "secure": [secure.status_code, dict(secure.headers)],
}))
"""


def run_with_production_settings() -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
           "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "testserver",
           "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_serves_only_https_with_security_headers():
    probe = run_with_production_settings()
    assert probe["settings"] == {"DEBUG": False, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
                                 "SECURE_HSTS_SECONDS": 31536000, "SECURE_SSL_REDIRECT": True,
                                 "SESSION_COOKIE_HTTPONLY": True}
    status, location = probe["plain"]
    assert status == 301 and location.startswith("https://")
    status, headers = probe["secure"]
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
           "DJANGO_SECRET_KEY": "", "DJANGO_ALLOWED_HOSTS": "testserver"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_pass_djangos_deployment_checks():
    """`check --deploy` as a deployment runs it: any warning (a cookie not secure, HSTS off, a
    short secret key) fails, as `make check` does too."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
           "DJANGO_SECRET_KEY": "check-only-" + "k3y" * 20, "DJANGO_ALLOWED_HOSTS": "deepcuts.example.org",
           "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
    weak = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env={**env, "DJANGO_SECRET_KEY": "short"}, capture_output=True, text=True)
    assert weak.returncode != 0 and "SECRET_KEY" in weak.stderr + weak.stdout


STATIC_PROBE = """
import json, django
django.setup()
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.templatetags.static import static
call_command("collectstatic", "--no-input", verbosity=0)
names = ["css/site.css", "search/autocomplete.js"]
first = [static(name) for name in names]
again = [static(name) for name in names]
try:
    static("css/no-such-file.css")
    missing = ""
except ValueError as error:
    missing = str(error)
print(json.dumps({"first": first, "again": again, "manifest": [staticfiles_storage.stored_name(name)
                                                                for name in names], "missing": missing}))
"""


def test_production_pages_link_to_the_hashed_static_files(tmp_path):
    """Production serves collectstatic's hashed copies (cached for a year by browsers), and a
    page's `{% static %}` must name each file's own copy every time: the storage keeps the URLs
    it has worked out (deepcuts.static_storage), and a name it has not seen is still an error."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
           "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "testserver",
           "DATABASE_URL": "sqlite:///:memory:", "DEEPCUTS_STATIC_ROOT": str(tmp_path / "static")}
    result = subprocess.run([sys.executable, "-c", STATIC_PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True)
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["first"] == probe["again"] == [f"/static/{name}" for name in probe["manifest"]]
    for url, name in zip(probe["first"], ["css/site", "search/autocomplete"], strict=True):
        stem, digest, suffix = url.removeprefix("/static/").rsplit(".", 2)
        assert stem == name and len(digest) == 12 and suffix in ("css", "js")
        assert (tmp_path / url.removeprefix("/")).exists()
    assert "no-such-file" in probe["missing"]
