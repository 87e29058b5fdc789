"""Wagtail's own search index (the admin's search boxes) keeps people's other names and works'
other titles.

Wagtail indexes a record when the record itself is saved, and the admin's form saves a person
before the names on it, so a new spelling reached the index one save late, if ever. A changed
name or title re-indexes its record once, when the transaction commits.
"""
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object

from .models import Person, PersonName, Work, WorkTitle

_pending = threading.local()


def _reindex_after_commit(model, pk) -> None:
    if not hasattr(_pending, "records"):
        _pending.records = set()
    _pending.records.add((model, pk))
    transaction.on_commit(_flush)


def _flush() -> None:
    records, _pending.records = getattr(_pending, "records", set()), set()
    for model, pk in records:
        record = model.objects.filter(pk=pk).first()
        if record is not None:  # deleted with its names: Wagtail drops it itself
            insert_or_update_object(record)


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def person_name_changed(sender, instance, **kwargs):
    _reindex_after_commit(Person, instance.person_id)


@receiver(post_save, sender=WorkTitle)
@receiver(post_delete, sender=WorkTitle)
def work_title_changed(sender, instance, **kwargs):
    _reindex_after_commit(Work, instance.work_id)
