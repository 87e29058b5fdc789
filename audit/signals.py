"""Record every saved or deleted catalog row, whatever saved it: the admin, an accepted import
proposal, the API, a loader or a script all go through the model, so all of them are seen.

(Bulk `QuerySet.update()` and `bulk_create()` skip model signals; catalog code does not use them
on catalog rows, and must not, or its changes go unrecorded.)
"""
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from .context import current
from .models import Change
from .tracking import (
    fields_of,
    foreign_label,
    label_of,
    parent_field,
    record_of,
    snapshot,
    stored_snapshot,
    tracked_models,
)


def lock_record(instance, using: str) -> None:
    """Hold the record (the work a credit belongs to) until this transaction ends.

    The admin's edit screen holds the same lock while it checks that nobody saved the record
    since the form was opened, so a credit added meanwhile cannot slip between the check and
    the save. SQLite needs nothing: its writers already take turns.
    """
    connection = connections[using]
    if parent_field(type(instance)) is None or not connection.in_atomic_block:
        return
    if not connection.features.has_select_for_no_key_update:
        return
    model, pk = record_of(instance)
    # NO KEY: rows that merely point at the record (a new credit) must not wait on it.
    list(model._base_manager.using(using).select_for_update(no_key=True).filter(pk=pk).values_list("pk"))


def foreign_labels(instance, diff: dict, side: int) -> dict:
    """Texts for the foreign keys in `diff` (the parent key aside: it is the record itself)."""
    labels = {}
    parent = parent_field(type(instance))
    for field in fields_of(type(instance)):
        if not field.is_relation or field.name == parent or field.attname not in diff:
            continue
        pair = ["", ""]
        for i in (0, 1) if side is None else (side,):
            pair[i] = foreign_label(field, diff[field.attname][i])
        labels[field.attname] = pair
    return labels


def write(instance, action: str, diff: dict, labels: dict, label: str) -> Change:
    recording = current()
    record_model, record_id = record_of(instance)
    return Change.objects.create(
        batch=recording.batch, user=recording.user, source=recording.source,
        note=recording.note, reverts=recording.reverts,
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk,
        object_label=label, action=action, diff=diff, labels=labels,
        record_type=ContentType.objects.get_for_model(record_model), record_id=record_id,
    )


def before_save(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    lock_record(instance, using)
    instance._audit_before = None if instance._state.adding else stored_snapshot(sender, instance.pk)


def after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    before = instance.__dict__.pop("_audit_before", None)
    after = snapshot(instance)
    if before is None:
        diff = {name: [None, value] for name, value in after.items()}
        write(instance, Change.Action.CREATED, diff, foreign_labels(instance, diff, 1),
              label_of(instance))
        return
    if update_fields is not None:
        # Only these were written; other attributes of a stale instance did not reach the row.
        written = {instance._meta.get_field(name).attname for name in update_fields}
        after = {name: value for name, value in after.items() if name in written}
    diff = {name: [before[name], value] for name, value in after.items() if before[name] != value}
    if diff:
        write(instance, Change.Action.UPDATED, diff, foreign_labels(instance, diff, None),
              label_of(instance))


def before_delete(sender, instance, using="default", **kwargs):
    lock_record(instance, using)
    before = stored_snapshot(sender, instance.pk) or snapshot(instance)
    diff = {name: [value, None] for name, value in before.items()}
    # Labels now: in a cascade the rows they name may be deleted before post_delete runs.
    instance._audit_deleted = (diff, foreign_labels(instance, diff, 0), label_of(instance))


def after_delete(sender, instance, **kwargs):
    pending = instance.__dict__.pop("_audit_deleted", None)
    if pending is not None:
        diff, labels, label = pending
        write(instance, Change.Action.DELETED, diff, labels, label)


def connect() -> None:
    for model in tracked_models():
        uid = f"audit-{model._meta.label}"
        pre_save.connect(before_save, sender=model, dispatch_uid=uid)
        post_save.connect(after_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(before_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(after_delete, sender=model, dispatch_uid=uid)
