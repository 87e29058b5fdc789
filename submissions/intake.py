"""Receiving a submission, the same way from the web form and the API.

Order matters: the form is checked first (a person fixing a typo spends nothing), then the
rate limit counts what would be stored (and robots caught by the honeypot), then the
submission is saved and the extractor queued. Nothing is ever published from here.
"""
from dataclasses import dataclass
from enum import Enum

from django.db import transaction

from extraction.language import detect_language

from . import ratelimit
from .forms import SubmissionForm
from .models import Submission


class Outcome(Enum):
    STORED = "stored"
    INVALID = "invalid"
    LIMITED = "limited"


@dataclass
class Received:
    outcome: Outcome
    form: SubmissionForm
    submission: Submission | None = None
    retry_after: int = 0

    @property
    def retry_after_minutes(self) -> int:
        return ratelimit.Decision(False, self.retry_after).retry_after_minutes


def receive(form: SubmissionForm, address: str) -> Received:
    key = ratelimit.address_key(address)
    if not form.is_valid():
        if form.honeypot_filled:
            ratelimit.hit(f"submit:{key}")  # a robot's tries count against its address
        return Received(Outcome.INVALID, form)
    decision = ratelimit.hit(f"submit:{key}")
    if not decision.allowed:
        return Received(Outcome.LIMITED, form, retry_after=decision.retry_after)
    submission = form.submission()
    submission.sender = key
    submission.language = detect_language(submission.text)
    with transaction.atomic():
        submission.save()
        # robust: if queueing fails the tip is still kept; the editor can ask for proposals.
        transaction.on_commit(lambda: queue_analysis(submission.pk), robust=True)
    return Received(Outcome.STORED, form, submission)


def queue_analysis(submission_id: int) -> None:
    from .tasks import analyse_submission

    analyse_submission.enqueue(submission_id)
