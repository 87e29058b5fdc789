"""What changed during a transaction, handed on once after it commits.

Saving a record in the admin writes its rows one at a time (a person, then each of their
names), and publishing an article touches dozens; each write only notes what moved, and the
first run after the commit takes everything noted so far, so one task follows the whole save.
Notes from a rolled-back transaction ride along with the next commit: every consumer reworks
what it is handed from the database as it then is, so a few extra records are harmless.
"""
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable

from django.db import transaction


class AfterCommit:
    def __init__(self, hand_on: Callable[..., None]):
        """`hand_on(**noted)` is called with a set per keyword that was noted (ids, usually)."""
        self._hand_on = hand_on
        self._local = threading.local()

    def note(self, **changes: Iterable[Hashable]) -> None:
        pending = self._pending()
        for name, values in changes.items():
            pending[name].update(value for value in values if value)
        # Every note registers the flush; the first run takes everything, the rest find nothing.
        transaction.on_commit(self._flush)

    def _pending(self) -> defaultdict:
        if not hasattr(self._local, "pending"):
            self._local.pending = defaultdict(set)
        return self._local.pending

    def _flush(self) -> None:
        noted = {name: values for name, values in self._pending().items() if values}
        self._local.pending = defaultdict(set)
        if noted:
            self._hand_on(**noted)
