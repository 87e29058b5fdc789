"""Local development: `make run`. Background tasks run inline so no worker is needed."""
from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A Jinja2 template printing a method (brackets forgotten) fails loudly (deepcuts/templating.py).
TEMPLATES_STRICT = True
