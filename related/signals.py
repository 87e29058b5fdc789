"""Keep stored related reading in step with what editors change.

Saving a work in the admin saves its credits and links one row at a time, and publishing an
article can touch dozens of rows; each change only notes what moved, and one background task
per committed transaction recomputes it all (see `refresh_related`).
"""
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalog.models import Credit, Person, PersonName, Work, WorkArtist, WorkLink
from deepcuts.after_commit import AfterCommit
from editorial.models import ArticlePage


def _refresh(articles=(), works=(), people=()) -> None:
    from .tasks import refresh_related

    refresh_related.enqueue(article_ids=sorted(articles), work_ids=sorted(works),
                            person_ids=sorted(people))


_changes = AfterCommit(_refresh)
_note = _changes.note


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(post_page_move, sender=ArticlePage)
def article_changed(sender, instance, **kwargs):
    _note(articles=[instance.pk])


@receiver(pre_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    from .models import RelatedPick

    # The picks pointing at it go with it; the articles that showed it need a replacement.
    _note(articles=RelatedPick.objects.filter(target_id=instance.pk)
          .values_list("article_id", flat=True))


@receiver(post_save, sender=Credit)
@receiver(post_delete, sender=Credit)
@receiver(post_save, sender=WorkArtist)
@receiver(post_delete, sender=WorkArtist)
def credit_changed(sender, instance, **kwargs):
    _note(works=[instance.work_id])


@receiver(post_save, sender=WorkLink)
@receiver(post_delete, sender=WorkLink)
def link_changed(sender, instance, **kwargs):
    _note(works=[instance.source_id, instance.target_id])


@receiver(post_save, sender=Work)
def work_saved(sender, instance, **kwargs):
    _note(works=[instance.pk])


@receiver(pre_delete, sender=Work)
def work_deleted(sender, instance, **kwargs):
    _note(articles=ArticlePage.videos.through.objects.filter(work_id=instance.pk)
          .values_list("articlepage_id", flat=True))


@receiver(post_save, sender=Person)
def person_saved(sender, instance, created, **kwargs):
    if not created:
        _note(people=[instance.pk])


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def person_name_changed(sender, instance, **kwargs):
    _note(people=[instance.person_id])
