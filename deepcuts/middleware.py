"""While the database cannot be reached, every request gets a short "back soon" answer.

A stopped or restarting PostgreSQL (or an SQLite file that cannot be opened) would otherwise
give readers the generic error page and editors a lost form. Instead they get 503 with a
Retry-After header: a page in their language for people, a JSON `detail` for the API. Nothing
here touches the database, so the answer is ready even while it is down, and there is nothing to
reset when it comes back: Django opens a fresh connection on the next request (CONN_HEALTH_CHECKS
drops the dead persistent one first).

Only a failure to reach the database counts. Other database errors (a lock timeout, a bad
query) still surface as errors, because waiting would not fix them.
"""
import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

# Long enough for a database restart or fail-over, short enough that a reader's retry lands soon.
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def database_unreachable(exc: BaseException | None) -> bool:
    """True when `exc` came from not reaching the database, rather than from what was asked of it.

    Django marks a connection whose use raised an error; if that connection never opened, or no
    longer answers a trivial query, the database (or the way to it) is down.
    """
    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    for connection in connections.all(initialized_only=True):
        if not connection.errors_occurred:
            continue
        if connection.connection is None or not connection.is_usable():
            return True
    return False


def unavailable_response(request) -> HttpResponse:
    """The 503 answer, rendered from a template that needs no database and no request context."""
    with translation.override(translation.get_language_from_request(request)):
        if request.path.startswith(API_PREFIX):
            response = JsonResponse(
                {"detail": gettext("The database is unavailable for a moment. "
                                   "Please try again in %(seconds)d seconds.")
                 % {"seconds": RETRY_AFTER_SECONDS}},
                status=503)
        else:
            html = render_to_string("503.html", {"retry_path": request.get_full_path(),
                                                 "retry_seconds": RETRY_AFTER_SECONDS,
                                                 "posted": request.method == "POST"})
            response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A shared cache must not keep serving the outage after the database is back.
    response["Cache-Control"] = "no-store"
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


def note_outage(sender, request=None, **kwargs) -> None:
    """Mark the request when an exception outside any view (another middleware's, e.g. saving the
    session) came from the database being unreachable; Django has already made it a 500 by the
    time our middleware sees the response."""
    if request is not None and database_unreachable(sys.exc_info()[1]):
        request.database_unreachable = True


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class DatabaseUnavailableMiddleware:
    """Placed right after the security and static-file middleware, so it covers everything below.

    Logs one warning when a process first finds the database unreachable and one line when it is
    back, rather than a traceback per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.outage_logged = False
        got_request_exception.connect(note_outage, dispatch_uid="deepcuts-database-outage")

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "database_unreachable", False):
            return response if response.status_code == 503 else unavailable_response(request)
        if self.outage_logged:
            self.outage_logged = False
            logger.warning("The database is reachable again.")
        return response

    def process_exception(self, request, exception):
        if not database_unreachable(exception):
            return None
        if not self.outage_logged:
            self.outage_logged = True
            logger.warning("The database is unreachable; answering 503 until it is back: %s",
                           first_line(exception))
        request.database_unreachable = True
        return unavailable_response(request)
