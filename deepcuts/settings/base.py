"""Settings shared by every environment. Secrets and the database come from the environment."""
import hashlib
import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "catalog",
    "editorial",
    "demo",
    "imports",
    "looks",
    "search",
    "related",
    "releases",
    "submissions",
    "api",
    "audit",
    "roles",
    "backups",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",  # its own static files for the API docs page, so no CDN is needed
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "deepcuts.middleware.DatabaseUnavailableMiddleware",
    "deepcuts.cache.PageCacheHeadersMiddleware",  # above sessions and CSRF: sees their cookies
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETags and 304s for every GET, API included, from the response body: no view has to compute one.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "deepcuts.db_router.ReplicaReadsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Catalog changes remember who made them and from which screen (audit: change history).
    "audit.middleware.RecordingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "deepcuts.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The request's Wagtail site and home page from the cache, not two queries per request.
    "editorial.sites.CachedSiteMiddleware",
]

ROOT_URLCONF = "deepcuts.urls"
# How long a shared cache (nginx) may keep a public page for readers who are not logged in; 0: never.
DEEPCUTS_PAGE_CACHE_SECONDS = int(os.environ.get("DEEPCUTS_PAGE_CACHE_SECONDS", "60"))
# How many reverse proxies (nginx, a load balancer) stand in front of the app servers, each adding
# the address it saw to X-Forwarded-For: the rate limit of reader submissions takes the client's
# address that many places from the right (submissions/ratelimit.py). 0: REMOTE_ADDR, no proxy.
DEEPCUTS_PROXY_COUNT = os.environ.get("DEEPCUTS_PROXY_COUNT", "").strip() or "0"
if not (DEEPCUTS_PROXY_COUNT.isascii() and DEEPCUTS_PROXY_COUNT.isdigit()):
    raise ImproperlyConfigured(
        "DEEPCUTS_PROXY_COUNT must be the number of reverse proxies in front of the app (0, 1, 2 …), "
        f"not {DEEPCUTS_PROXY_COUNT!r}: 1 for one nginx, 0 or unset when clients connect directly.")
DEEPCUTS_PROXY_COUNT = int(DEEPCUTS_PROXY_COUNT)

TEMPLATES = [
    # The public pages (deepcuts/templating.py says why Jinja2); looked in first, so a page's
    # template name finds its Jinja2 file and the admin's names fall through to Django's.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "deepcuts" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "deepcuts.templating.environment",
            "extensions": ["jinja2.ext.i18n", "wagtail.jinja2tags.core", "wagtail.admin.jinja2tags.userbar",
                           "wagtail.images.jinja2tags.images"],
            "context_processors": [
                "django.template.context_processors.request",
                "editorial.context_processors.site_navigation",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "deepcuts" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "editorial.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "deepcuts.wsgi.application"

# SQLite needs no set-up; production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Reusing connections saves a PostgreSQL connect (~10-20 ms) on every request.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Read replicas (PostgreSQL streaming replicas of the primary), see deepcuts.db_router.
for number, url in enumerate(u for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u):
    DATABASES[f"replica{number}"] = dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")), conn_health_checks=True)
    DATABASES[f"replica{number}"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["deepcuts.db_router.PrimaryReplicaRouter"]
if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0":
    # Parameters bound by the server let psycopg prepare a statement once it repeats on a
    # connection, so PostgreSQL plans a page's ten-odd queries once per connection instead of
    # on every request (article pages ~20 % faster, docs/performance.md). A connection pooler
    # in transaction mode must support prepared statements (PgBouncer 1.21+ with
    # max_prepared_statements), or set DATABASE_PREPARED_STATEMENTS=0.
    for database in DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            database.setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 2})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers and writers at once: WAL lets reads proceed during a write, IMMEDIATE makes a
    # writer wait for the lock (up to `timeout` seconds) instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "deepcuts" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "deepcuts" / "static"]
STATIC_ROOT = Path(os.environ.get("DEEPCUTS_STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DEEPCUTS_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    # Uploaded media: local files, or object storage shared by several app servers, e.g.
    # DEEPCUTS_MEDIA_STORAGE=storages.backends.s3.S3Storage with django-storages installed and its
    # options as JSON in DEEPCUTS_MEDIA_STORAGE_OPTIONS (see docs/operations.md).
    "default": {"BACKEND": os.environ.get("DEEPCUTS_MEDIA_STORAGE",
                                          "django.core.files.storage.FileSystemStorage"),
                "OPTIONS": json.loads(os.environ.get("DEEPCUTS_MEDIA_STORAGE_OPTIONS", "{}"))},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded videos are analysed, then (by default) deleted; this caps what an editor can upload.
DEEPCUTS_VIDEO_MAX_BYTES = int(os.environ.get("DEEPCUTS_VIDEO_MAX_BYTES", str(2 * 1024**3)))

WAGTAIL_SITE_NAME = "Deep Cuts"
WAGTAILADMIN_BASE_URL = os.environ.get("DEEPCUTS_BASE_URL", "http://127.0.0.1:8000")
# The admin's search (Wagtail's backend). The public site search is our own index (search app),
# which works on both databases; a very large site can move the admin's to Elasticsearch/OpenSearch.
if os.environ.get("DEEPCUTS_ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": os.environ.get("DEEPCUTS_ELASTICSEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
        "URLS": os.environ["DEEPCUTS_ELASTICSEARCH_URL"].split(","),
        "INDEX": os.environ.get("DEEPCUTS_ELASTICSEARCH_INDEX", "deepcuts"),
    }}
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
TAGGIT_CASE_INSENSITIVE = True

# Background work goes through Django's tasks framework; the database backend is run by
# `deepcuts worker` (django-tasks-db's db_worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# One cache shared by every app server (Redis) when DEEPCUTS_REDIS_URL is set; otherwise one in
# files, shared by every process on the machine. Not a cache per process: a change drops what
# it invalidates (the navigation, the sites) only in the cache it can reach, and gunicorn's other
# workers would go on serving the old navigation until restarted.
if os.environ.get("DEEPCUTS_REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["DEEPCUTS_REDIS_URL"]}}
else:
    # The files outlive the database: keys carry which database they describe, so a database
    # made afresh (or another one pointed at) never meets the last one's navigation.
    _database = DATABASES["default"]
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("DEEPCUTS_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        "KEY_PREFIX": hashlib.sha256(repr([_database.get(part) for part in (
            "ENGINE", "HOST", "PORT", "NAME")]).encode()).hexdigest()[:12],
    }}
SESSION_ENGINE = os.environ.get("DEEPCUTS_SESSION_ENGINE", "django.contrib.sessions.backends.db")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DEEPCUTS_LOG_LEVEL", "WARNING")},
}

# The JSON API (django-ninja): pages of 20 by default, never more than 100 at once.
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100
NINJA_PAGINATION_CLASS = "api.params.Pages"

# Content Security Policy (django-csp); the admin's looser policy is in deepcuts.security.
from deepcuts.security import PUBLIC_POLICY  # noqa: E402

CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_POLICY}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin would call releases.wagtail.org from editors' browsers
