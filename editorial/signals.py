"""Keep stored, derived data (matched legal notices, article snapshots, cached sections) in
step with what editors change."""
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalog.models import Credit, Person, Work, WorkArtist
from deepcuts.after_commit import AfterCommit

from . import snapshots
from .models import ArticlePage, HomePage, LegalNotice, SectionPage


def _rebuild_snapshots(articles=(), works=(), people=(), tags=()) -> None:
    """Drop the affected snapshots now, so no page shows what just changed, and build them
    again in the background; until then their pages read the facts live."""
    from .tasks import store_snapshots

    ids = set(articles) | snapshots.articles_about(works=works, people=people, tags=tags)
    if ids:
        snapshots.forget(ids)
        store_snapshots.enqueue(sorted(ids))


snapshot_changes = AfterCommit(_rebuild_snapshots)


@receiver(page_published, sender=ArticlePage)
def article_snapshot_changed(sender, instance, **kwargs):
    snapshot_changes.note(articles=[instance.pk])


@receiver(post_save, sender=Credit)
@receiver(post_delete, sender=Credit)
@receiver(post_save, sender=WorkArtist)
@receiver(post_delete, sender=WorkArtist)
def work_part_changed(sender, instance, **kwargs):
    snapshot_changes.note(works=[instance.work_id])


# What a saved record is noted as; a new one is in no article yet.
_NOTED_AS = {Work: "works", Person: "people", Tag: "tags"}


@receiver(post_save, sender=Work)
@receiver(post_save, sender=Person)
@receiver(post_save, sender=Tag)
def record_changed(sender, instance, created, **kwargs):
    if not created:
        snapshot_changes.note(**{_NOTED_AS[sender]: [instance.pk]})


# Once deleted, a record's links to articles are gone too: its articles are found beforehand.
@receiver(pre_delete, sender=Work)
@receiver(pre_delete, sender=Person)
@receiver(pre_delete, sender=Tag)
def record_deleted(sender, instance, **kwargs):
    snapshot_changes.note(articles=snapshots.articles_about(**{_NOTED_AS[sender]: [instance.pk]}))


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance, **kwargs):
    from .tasks import refresh_article_notices

    transaction.on_commit(lambda: refresh_article_notices.enqueue(instance.pk))


@receiver(post_save, sender=LegalNotice)
@receiver(post_delete, sender=LegalNotice)
def notice_changed(sender, instance, **kwargs):
    from .tasks import refresh_all_notices

    transaction.on_commit(refresh_all_notices.enqueue)


# An edited notice's text (or its switching off) shows on the articles it is linked to, which
# re-matching would leave as they are; once deleted, its links are gone: found beforehand.
@receiver(post_save, sender=LegalNotice)
@receiver(pre_delete, sender=LegalNotice)
def notice_shown(sender, instance, **kwargs):
    snapshot_changes.note(articles=instance.article_links.values_list("article_id", flat=True))


def _forget(drop) -> None:
    """Drop a cached entry now, for the rest of this request, and again once the change is
    committed: between the two, another request still reads the old rows and may store them."""
    drop()
    transaction.on_commit(drop)


@receiver(page_published, sender=SectionPage)
@receiver(page_unpublished, sender=SectionPage)
@receiver(post_save, sender=SectionPage)
@receiver(post_delete, sender=SectionPage)
@receiver(post_page_move)
def sections_changed(sender, **kwargs):
    from django.core.cache import cache

    from .context_processors import NAV_CACHE_KEY
    from .models import SECTIONS_CACHE_KEY

    _forget(lambda: cache.delete_many([NAV_CACHE_KEY, SECTIONS_CACHE_KEY]))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_page_move)
def restrictions_changed(sender, **kwargs):
    from .restrictions import forget_restricted_paths

    _forget(forget_restricted_paths)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=HomePage)
@receiver(post_delete, sender=HomePage)
@receiver(page_published, sender=HomePage)
@receiver(page_unpublished, sender=HomePage)
def site_changed(sender, **kwargs):
    from .sites import forget_sites

    _forget(forget_sites)
