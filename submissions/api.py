"""POST /api/v1/submissions: the tip form for programs, with the form's checks, limits and rate limit.

Open to anonymous senders on purpose, like the web form: no cookie authenticates it, so there is
nothing for a cross-site request to borrow and no CSRF token to ask for. The queue itself is
never readable here; editors work in the admin.
"""
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from .forms import SubmissionForm
from .intake import Outcome, receive
from .ratelimit import client_address

router = Router(tags=["submissions"])


class SubmissionIn(Schema):
    kind: str = Field("tip", description="`tip` (news) or `event` (something upcoming)")
    text: str = Field(..., description="What happened or what is coming, in Russian or English "
                                       "(10 to 5,000 characters); stored exactly as sent")
    links: list[str] = Field([], description="Up to 5 web addresses, each up to 200 characters")
    event_date: str = Field("", description="For an event: `2026-05-24`, `2026-05`, `24 May 2026`, "
                                            "`24 мая 2026`…")
    place: str = Field("", description="For an event: city, venue or website (up to 200 characters)")
    contact: str = Field("", description="How an editor can reach the sender; never published")


class Received(Schema):
    detail: str
    status: str


class FieldError(Schema):
    field: str
    msg: str


class Refused(Schema):
    detail: str
    errors: list[FieldError] = Field([], description="One entry per problem, naming the field")


class Limited(Schema):
    detail: str
    retry_after: int = Field(..., description="Seconds to wait; also sent as `Retry-After`")


@router.post("/submissions", response={201: Received, 400: Refused, 429: Limited},
             summary="Send a news tip or an upcoming event for the editors")
def submit(request, payload: SubmissionIn, response: HttpResponse):
    data = payload.dict()
    data["links"] = "\n".join(data["links"])
    received = receive(SubmissionForm(data), client_address(request))
    if received.outcome is Outcome.STORED:
        thanks = _("Thank you: an editor will read it. Nothing is published automatically.")
        return Status(201, {"detail": thanks, "status": received.submission.status})
    if received.outcome is Outcome.LIMITED:
        response["Retry-After"] = str(received.retry_after)
        return Status(429, {"detail": _("Too many submissions from this address: send this one again in "
                                        "%(minutes)s min.") % {"minutes": received.retry_after_minutes},
                            "retry_after": received.retry_after})
    errors = [{"field": field, "msg": str(message)}
              for field, messages in received.form.errors.items() for message in messages]
    detail = " ".join(f"{error['field']}: {error['msg']}" for error in errors)
    return Status(400, {"detail": detail, "errors": errors})
