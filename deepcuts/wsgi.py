"""WSGI entry point (gunicorn deepcuts.wsgi)."""
import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deepcuts.settings.production")
application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the URLconf, the models: about 220,000 objects) lives
# as long as the process. Frozen, the collector never walks it again: a full collection took
# 119 ms with it and 3 ms without, and every request queued behind a worker waits through one.
# Under `gunicorn --preload` this runs before the fork, so the workers also keep sharing those
# pages of memory instead of copying them when the collector touches them.
gc.freeze()
