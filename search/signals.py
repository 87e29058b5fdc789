"""Keep the search index in step with what editors publish and change.

Saving a person in the admin saves each of their names too, so every change only notes which
records moved, and one task per committed transaction rewrites their entries.
"""
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from catalog.models import Credit, Person, PersonName, Work, WorkArtist, WorkTitle
from deepcuts.after_commit import AfterCommit
from editorial.models import ArticlePage

from .documents import page_ref, person_ref, work_ref


def _update_index(refs: set[str]) -> None:
    from .tasks import update_search_index

    update_search_index.enqueue(sorted(refs))


_changes = AfterCommit(_update_index)


def _note(*refs: str) -> None:
    _changes.note(refs=refs)


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(post_delete, sender=ArticlePage)
def article_changed(sender, instance, **kwargs):
    _note(page_ref(instance.pk))


@receiver(post_page_move)
@receiver(page_slug_changed)
def page_moved(sender, instance, **kwargs):
    # A section's articles change address with it.
    _note(f"subtree:{instance.pk}")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    _note(f"subtree:{instance.page_id}")


@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
def person_changed(sender, instance, **kwargs):
    _note(person_ref(instance.pk))


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def person_name_changed(sender, instance, **kwargs):
    _note(person_ref(instance.person_id))


@receiver(post_save, sender=Work)
@receiver(post_delete, sender=Work)
def work_changed(sender, instance, **kwargs):
    _note(work_ref(instance.pk))


@receiver(post_save, sender=WorkTitle)
@receiver(post_delete, sender=WorkTitle)
@receiver(post_save, sender=WorkArtist)
@receiver(post_delete, sender=WorkArtist)
def work_part_changed(sender, instance, **kwargs):
    _note(work_ref(instance.work_id))


@receiver(post_save, sender=Credit)
@receiver(post_delete, sender=Credit)
def credit_changed(sender, instance, **kwargs):
    # A work's entry names its directors; a credit that stops being one must leave it too.
    _note(work_ref(instance.work_id))
