"""Undo one history entry: what one batch did to one record, row by row, newest first.

A revert never overwrites a later change. If a field it would put back was changed again since,
if a row it would remove has been edited or is now used by other rows, or if a row it would
bring back cannot come back (what it pointed at is gone, the same fact exists again), nothing
is changed and every reason is given, so the editor can revert the later change first.

The revert goes through the models like any other edit, so it is itself recorded (source
"revert", pointing at the entry it undoes) and can be reverted in turn.
"""
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from .context import recording
from .display import field_label, show
from .models import Change, Source
from .tracking import decode, encode, fields_of, foreign_label, stored_snapshot


class RevertRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def entry_changes(batch: UUID, record_type_id: int, record_id: int):
    return (Change.objects.filter(batch=batch, record_type_id=record_type_id, record_id=record_id)
            .select_related("content_type", "user"))


def revert(batch: UUID, record_type_id: int, record_id: int, user) -> UUID:
    """Undo the entry; returns the batch of the revert's own changes."""
    changes = list(entry_changes(batch, record_type_id, record_id).order_by("-id"))
    if not changes:
        raise RevertRefused([_("There is no such change to revert.")])
    if Change.objects.filter(reverts=batch, record_type_id=record_type_id, record_id=record_id).exists():
        raise RevertRefused([_("This change has already been reverted. To bring it back, revert "
                               "the revert.")])
    with transaction.atomic(), recording(Source.REVERT, user=user, reverts=batch) as active:
        problems = []
        for change in changes:
            problems += undo(change)
        if problems:
            raise RevertRefused(problems)  # leaving the atomic block rolls back what was undone
    return active.batch


def undo(change: Change) -> list[str]:
    model = change.model
    if model is None:
        return [_("“%(what)s” belongs to a kind of record that no longer exists.")
                % {"what": change.object_label}]
    if change.action == Change.Action.UPDATED:
        return put_back(model, change)
    if change.action == Change.Action.CREATED:
        return take_out(model, change)
    return bring_back(model, change)


def validation_problems(obj) -> list[str]:
    try:
        obj.full_clean()
    except ValidationError as exc:
        return exc.messages
    return []


def changed_since(model, change: Change, now: dict) -> list[str]:
    """Labels of the fields of this row that no longer hold what this change left there."""
    return [field_label(model, name) for name, (_before, after) in change.diff.items()
            if name in now and now[name] != after]


def put_back(model, change: Change) -> list[str]:
    obj = model._base_manager.select_for_update().filter(pk=change.object_id).first()
    what = change.object_label
    if obj is None:
        return [_("“%(what)s” was removed after this change, so it cannot be put back as it was: "
                  "restore it first.") % {"what": what}]
    fields = {f.attname: f for f in fields_of(model)}
    problems, written = [], []
    for name, (before, after) in change.diff.items():
        field = fields.get(name)
        if field is None:
            continue  # the field has since been dropped from the catalog
        now = encode(field, field.value_from_object(obj))
        if now != after:
            text = show(model, name, now, foreign_label(field, now) if field.is_relation else "")
            problems.append(_("%(field)s of “%(what)s” was changed again later (it is now “%(now)s”): "
                              "revert that later change first.")
                            % {"field": field_label(model, name), "what": what, "now": text})
            continue
        setattr(obj, name, decode(field, before))
        written.append(field.name)
    if problems or not written:
        return problems
    problems = validation_problems(obj)
    if not problems:
        obj.save(update_fields=written)
    return problems


def bookkeeping(model) -> bool:
    """Rows that follow a record around without being facts about it (its search index entry,
    the stored snapshot of its page)."""
    from catalog.models import PersonSnapshot, WorkSnapshot

    return model._meta.app_label == "wagtailsearch" or model in (WorkSnapshot, PersonSnapshot)


def take_out(model, change: Change) -> list[str]:
    obj = model._base_manager.select_for_update().filter(pk=change.object_id).first()
    if obj is None:
        return []  # already gone: there is nothing left to undo
    what = change.object_label
    edited = changed_since(model, change, stored_snapshot(model, obj.pk) or {})
    if edited:
        return [_("“%(what)s” was edited after it was added (%(fields)s): revert those edits first.")
                % {"what": what, "fields": ", ".join(edited)}]
    collector = Collector(using=obj._state.db)
    collector.collect([obj])
    others = [o for model_, group in collector.data.items() if not bookkeeping(model_)
              for o in group if o != obj]
    count = len(others) + sum(qs.count() for qs in collector.fast_deletes if not bookkeeping(qs.model))
    if count:
        example = str(others[0]) if others else ""
        return [_("“%(what)s” is now used by %(count)s other records%(example)s; removing it would "
                  "remove them too, so remove or move them first.")
                % {"what": what, "count": count,
                   "example": _(" (for example “%(one)s”)") % {"one": example} if example else ""}]
    obj.delete()
    return []


def bring_back(model, change: Change) -> list[str]:
    what = change.object_label
    if model._base_manager.filter(pk=change.object_id).exists():
        return [_("“%(what)s” is already back.") % {"what": what}]
    fields = {f.attname: f for f in fields_of(model)}
    values = {name: decode(fields[name], before) for name, (before, _after) in change.diff.items()
              if name in fields}
    problems = []
    for name, value in values.items():
        field = fields[name]
        if field.is_relation and value is not None and \
                not field.related_model._base_manager.filter(pk=value).exists():
            target = change.labels.get(name, [""])[0] or f"#{value}"
            problems.append(_("“%(what)s” pointed at “%(target)s”, which has been removed since: "
                              "bring that back first.") % {"what": what, "target": target})
    if problems:
        return problems
    obj = model(pk=change.object_id, **values)
    problems = validation_problems(obj)
    if not problems:
        obj.save(force_insert=True)
    return problems

