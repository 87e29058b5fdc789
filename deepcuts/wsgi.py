"""WSGI entry point (gunicorn deepcuts.wsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deepcuts.settings.production")
application = get_wsgi_application()
