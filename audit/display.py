"""Changes as people read them: field names in the interface language, choices by their label,
linked rows by name, and the rows of one batch for one record gathered into one entry."""
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import UUID

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import Change
from .tracking import TRACKED, decode

EMPTY = "—"


def field_label(model, attname: str) -> str:
    try:
        return capfirst(model._meta.get_field(attname.removesuffix("_id")).verbose_name)
    except FieldDoesNotExist:
        return attname


def show(model, attname: str, value, label: str = "") -> str:
    """One stored value as text."""
    if value is None or value == "":
        return EMPTY
    try:
        model_field = model._meta.get_field(attname.removesuffix("_id"))
    except FieldDoesNotExist:
        return str(value)
    if model_field.is_relation:
        return label or f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    python = decode(model_field, value)
    if isinstance(python, timedelta):
        return str(python)
    if isinstance(python, bool):
        return _("yes") if python else _("no")
    return localize(python) if not isinstance(python, str) else python


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class Line:
    """What happened to one row within an entry, e.g. a credit added to a work.

    Several saves of the same row in one batch read as one: an import that creates a credit
    and then cites its sentence shows one credit, added with its quote.
    """
    change: Change  # the row's first change in the entry
    action: str
    diff: dict
    labels: dict
    object_label: str

    @classmethod
    def of(cls, change: Change) -> "Line":
        return cls(change, change.action, dict(change.diff), dict(change.labels), change.object_label)

    def absorb(self, later: Change) -> bool:
        """Fold a later change of the same row into this line; False if it cannot be folded."""
        if later.action != Change.Action.UPDATED or self.action == Change.Action.DELETED:
            return False
        for name, (before, after) in later.diff.items():
            first = self.diff.get(name, [before, after])[0]
            self.diff[name] = [first, after]
            texts = later.labels.get(name, ["", ""])
            self.labels[name] = [self.labels.get(name, texts)[0], texts[1]]
        if self.action == Change.Action.UPDATED:
            self.diff = {name: pair for name, pair in self.diff.items() if pair[0] != pair[1]}
        self.object_label = later.object_label
        return True

    def get_action_display(self) -> str:
        return Change.Action(self.action).label

    @property
    def whole_row(self) -> bool:
        """Added or removed: the fields have one value each, not a before and an after."""
        return self.action != Change.Action.UPDATED

    @property
    def kind(self) -> str:
        model = self.change.content_type.model_class()
        return capfirst(model._meta.verbose_name) if model else self.change.content_type.model

    @property
    def fields(self) -> list[FieldChange]:
        model = self.change.content_type.model_class()
        if model is None:
            return []
        parent = TRACKED.get(model._meta.label)
        fields = []
        for attname, (before, after) in self.diff.items():
            if parent and attname.removesuffix("_id") == parent:
                continue  # the record the entry is about; saying so again is noise
            value = after if self.action == Change.Action.CREATED else before
            if self.whole_row and (attname == "sort_order" or value in (None, "")):
                continue  # a new or removed row's empty fields and position say nothing
            labels = self.labels.get(attname, ["", ""])
            fields.append(FieldChange(field_label(model, attname), show(model, attname, before, labels[0]),
                                      show(model, attname, after, labels[1])))
        return fields


@dataclass
class Entry:
    """What one batch did to one record: the unit shown in a history and undone by a revert."""
    batch: UUID
    record_type_id: int
    record_id: int
    first: Change
    lines: list[Line] = field(default_factory=list)
    reverted_by: Change | None = None
    undoes: Change | None = None  # for a revert: the first change of the entry it undid

    @property
    def record_label(self) -> str:
        for line in self.lines:
            if line.change.content_type_id == self.record_type_id and \
                    line.change.object_id == self.record_id:
                return line.object_label
        return self.first.object_label

    @property
    def who(self) -> str:
        """The user's name, or nothing when no one was signed in (a loader, a script)."""
        user = self.first.user
        return (user.get_full_name() or user.get_username()) if user else ""


def entries_from(changes) -> list[Entry]:
    """Group changes (newest first) into entries, keeping their order."""
    grouped: dict[tuple, list[Change]] = {}
    for change in changes:
        grouped.setdefault((change.batch, change.record_type_id, change.record_id), []).append(change)
    result = []
    for (batch, record_type_id, record_id), group in grouped.items():
        group.reverse()  # in the order they happened
        entry = Entry(batch, record_type_id, record_id, group[0])
        latest: dict[tuple[int, int], Line] = {}
        for change in group:
            key = (change.content_type_id, change.object_id)
            if key in latest and latest[key].absorb(change):
                continue
            latest[key] = Line.of(change)
            entry.lines.append(latest[key])
        entry.lines = [line for line in entry.lines if line.diff]
        if entry.lines:  # saves that undid themselves within the batch leave nothing to show
            result.append(entry)
    mark_reverted(result)
    return result


def mark_reverted(entries: list[Entry]) -> None:
    """Link entries to their reverts and reverts to what they undid, in two queries."""
    if not entries:
        return
    reverts = Change.objects.filter(reverts__in={e.batch for e in entries}).select_related("user")
    by_key = {(c.reverts, c.record_type_id, c.record_id): c for c in reverts.order_by("-id")}
    undone_batches = {e.first.reverts for e in entries if e.first.reverts}
    undone = Change.objects.filter(batch__in=undone_batches).select_related("user")
    firsts = {(c.batch, c.record_type_id, c.record_id): c for c in undone.order_by("-id")}
    for entry in entries:
        entry.reverted_by = by_key.get((entry.batch, entry.record_type_id, entry.record_id))
        if entry.first.reverts:
            entry.undoes = firsts.get((entry.first.reverts, entry.record_type_id, entry.record_id))
