"""Wagtail's own search index (the admin's search boxes) keeps people's other names and works'
other titles.

Wagtail indexes a record when the record itself is saved, and the admin's form saves a person
before the names on it, so a new spelling reached the index one save late, if ever. A changed
name or title re-indexes its record once, when the transaction commits.
"""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object

from deepcuts.after_commit import AfterCommit

from .models import Person, PersonName, Work, WorkTitle


def _reindex(records: set[tuple]) -> None:
    for model, pk in records:
        record = model.objects.filter(pk=pk).first()
        if record is not None:  # deleted with its names: Wagtail drops it itself
            insert_or_update_object(record)


_changes = AfterCommit(_reindex)


def _reindex_after_commit(model, pk) -> None:
    _changes.note(records=[(model, pk)])


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def person_name_changed(sender, instance, **kwargs):
    _reindex_after_commit(Person, instance.person_id)


@receiver(post_save, sender=WorkTitle)
@receiver(post_delete, sender=WorkTitle)
def work_title_changed(sender, instance, **kwargs):
    _reindex_after_commit(Work, instance.work_id)
