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
    """One row's change inside an entry, e.g. a credit added to a work."""
    change: Change
    fields: list[FieldChange]

    @property
    def whole_row(self) -> bool:
        """Added or removed: the fields have one value each, not a before and an after."""
        return self.change.action != Change.Action.UPDATED

    @property
    def kind(self) -> str:
        model = self.change.content_type.model_class()
        return capfirst(model._meta.verbose_name) if model else self.change.content_type.model


def line_for(change: Change) -> Line:
    model = change.content_type.model_class()
    if model is None:
        return Line(change, [])
    parent = TRACKED.get(model._meta.label)
    fields = []
    for attname, (before, after) in change.diff.items():
        if parent and attname.removesuffix("_id") == parent:
            continue  # the record the entry is about; saying so again is noise
        whole_row = change.action != Change.Action.UPDATED
        if whole_row and (attname == "sort_order" or (after if before is None else before) in (None, "")):
            continue  # a new or removed row's empty fields and position say nothing
        labels = change.labels.get(attname, ["", ""])
        fields.append(FieldChange(field_label(model, attname), show(model, attname, before, labels[0]),
                                  show(model, attname, after, labels[1])))
    return Line(change, fields)


@dataclass
class Entry:
    """What one batch did to one record: the unit shown in a history and undone by a revert."""
    batch: UUID
    record_type_id: int
    record_id: int
    first: Change
    lines: list[Line] = field(default_factory=list)
    reverted_by: Change | None = None

    @property
    def record_label(self) -> str:
        for line in self.lines:
            if line.change.content_type_id == self.record_type_id and \
                    line.change.object_id == self.record_id:
                return line.change.object_label
        return self.first.object_label

    @property
    def who(self) -> str:
        """The user's name, or nothing when no one was signed in (a loader, a script)."""
        user = self.first.user
        return (user.get_full_name() or user.get_username()) if user else ""


def entries_from(changes) -> list[Entry]:
    """Group changes (newest first) into entries, keeping their order."""
    entries: dict[tuple, Entry] = {}
    for change in changes:
        key = (change.batch, change.record_type_id, change.record_id)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = Entry(change.batch, change.record_type_id, change.record_id, change)
        entry.lines.append(line_for(change))
    result = list(entries.values())
    for entry in result:
        entry.lines.reverse()  # in the order they happened
    mark_reverted(result)
    return result


def mark_reverted(entries: list[Entry]) -> None:
    if not entries:
        return
    reverts = Change.objects.filter(reverts__in={e.batch for e in entries}).select_related("user")
    by_key = {(c.reverts, c.record_type_id, c.record_id): c for c in reverts.order_by("id")}
    for entry in entries:
        entry.reverted_by = by_key.get((entry.batch, entry.record_type_id, entry.record_id))
