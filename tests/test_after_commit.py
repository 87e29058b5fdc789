"""deepcuts.after_commit: what a transaction noted reaches its consumer once, after the commit."""
import pytest
from django.db import transaction

from deepcuts.after_commit import AfterCommit

pytestmark = pytest.mark.django_db


def test_a_transactions_notes_are_handed_on_once_after_it_commits(django_capture_on_commit_callbacks):
    handed = []
    changes = AfterCommit(lambda **noted: handed.append(noted))
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            changes.note(works=[1, 2], people=[7])
            changes.note(works=[2, 3, None, 0])
            assert handed == [], "nothing before the commit"
    assert handed == [{"works": {1, 2, 3}, "people": {7}}]
    with django_capture_on_commit_callbacks(execute=True):
        changes.note(works=[])
    assert len(handed) == 1, "an empty note hands nothing on"


def test_notes_of_a_rolled_back_savepoint_ride_along_with_the_next_commit(django_capture_on_commit_callbacks):
    handed = []
    changes = AfterCommit(lambda **noted: handed.append(noted))
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            try:
                with transaction.atomic():
                    changes.note(articles=[5])
                    raise RuntimeError("the save failed")
            except RuntimeError:
                pass
            changes.note(articles=[6])
    assert handed == [{"articles": {5, 6}}]
