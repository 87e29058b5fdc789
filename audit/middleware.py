"""Tells the change history which user and which screen a request's catalog changes come from."""
from functools import cached_property

from django.urls import reverse

from .context import recording_request


class RecordingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def __call__(self, request):
        with recording_request(request, self.admin_prefix):
            return self.get_response(request)
