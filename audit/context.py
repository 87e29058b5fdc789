"""Who is changing the catalog, and from where: set once around a request or an operation, read
by the signal handlers that record each changed row.

Code that changes the catalog outside a request (a loader, a script) says where the change
comes from with `recording(Source.DEMO)`; a request is described by `RecordingMiddleware`.
Nothing set means a script or the shell, and each saved row is then its own history entry.
"""
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from .models import Source


@dataclass
class Recording:
    source: str = Source.SCRIPT
    user: object = None
    note: str = ""
    reverts: uuid.UUID | None = None
    batch: uuid.UUID = field(default_factory=uuid.uuid4)


class RequestRecording:
    """A request's changes, one batch: the user and the screen are read when the first row
    changes, because authentication (an API token, say) happens after the middleware runs."""

    # Which URL namespace means which source; anything else under the admin is an admin edit.
    NAMESPACES = {"imports": Source.IMPORT, "api": Source.API, "submissions": Source.SUBMISSION,
                  "submissions_admin": Source.SUBMISSION}

    note = ""
    reverts = None

    def __init__(self, request, admin_prefix: str):
        self.request = request
        self.admin_prefix = admin_prefix
        self.batch = uuid.uuid4()

    @property
    def source(self) -> str:
        match = getattr(self.request, "resolver_match", None)
        for namespace in match.namespaces if match else ():
            if namespace in self.NAMESPACES:
                return self.NAMESPACES[namespace]
        if self.request.path.startswith(self.admin_prefix):
            return Source.ADMIN
        return Source.SCRIPT

    @property
    def user(self):
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None


_current: ContextVar[Recording | RequestRecording | None] = ContextVar("audit_recording", default=None)


def current() -> Recording | RequestRecording:
    """The active recording, or a fresh one for a change made with none active."""
    return _current.get() or Recording()


@contextmanager
def recording(source: str = Source.SCRIPT, user=None, note: str = "", reverts=None):
    """Record catalog changes made inside this block as one history entry per record."""
    active = Recording(source=source, user=user, note=note[:300], reverts=reverts)
    token = _current.set(active)
    try:
        yield active
    finally:
        _current.reset(token)


@contextmanager
def recording_request(request, admin_prefix: str):
    token = _current.set(RequestRecording(request, admin_prefix))
    try:
        yield
    finally:
        _current.reset(token)
