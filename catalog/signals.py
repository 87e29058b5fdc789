"""Keep what is derived from the catalog in step with its edits: Wagtail's own search index
(the admin's search boxes), and the music video pages' snapshots.

Wagtail's index keeps people's other names and works' other titles.

Wagtail indexes a record when the record itself is saved, and the admin's form saves a person
before the names on it, so a new spelling reached the index one save late, if ever. A changed
name or title re-indexes its record once, when the transaction commits.
"""
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished, post_page_move

from deepcuts.after_commit import AfterCommit

from . import snapshots
from .models import Credit, Membership, Person, PersonName, Work, WorkArtist, WorkLink, WorkTitle


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


# --- video and person snapshots (see snapshots) ---------------------------------------------------

def _rebuild_snapshots(own=(), own_people=(), works=(), people=()) -> None:
    """Drop the affected snapshots now, so no page shows what just changed, and build them
    again in the background; until then their pages build the same form live. `own` and
    `own_people` are the videos and people whose pages changed; `works` and `people` changed
    and show on other pages too."""
    from .tasks import store_person_snapshots, store_video_snapshots

    videos = set(own) | snapshots.videos_showing(works=works, people=people)
    if videos:
        snapshots.forget(videos)
        store_video_snapshots.enqueue(sorted(videos))
    persons = set(own_people) | snapshots.people_showing(works=works, people=people)
    if persons:
        snapshots.forget_people(persons)
        store_person_snapshots.enqueue(sorted(persons))


snapshot_changes = AfterCommit(_rebuild_snapshots)


# A credit, artist, link or membership shows both its ends on other pages; an edit can move it
# from one record to another, so the old ends are noted as well as the new. They are read before
# the save and noted after it: outside a transaction a note is handed on at once.
_ENDS = {Credit: ("work_id", "person_id"), WorkArtist: ("work_id", "person_id"),
         WorkLink: ("source_id", "target_id"), Membership: ("group_id", "member_id")}


@receiver(pre_save, sender=Credit)
@receiver(pre_save, sender=WorkArtist)
@receiver(pre_save, sender=WorkLink)
@receiver(pre_save, sender=Membership)
def link_moving(sender, instance, **kwargs):
    if not instance._state.adding:
        instance._ends_before = sender.objects.filter(pk=instance.pk).values_list(*_ENDS[sender]).first()


def _ends(instance) -> list[tuple]:
    """The record's two ends now and, if the save moved it, before."""
    now = tuple(getattr(instance, column) for column in _ENDS[type(instance)])
    before = getattr(instance, "_ends_before", None)
    return [now, before] if before else [now]


@receiver(post_save, sender=Credit)
@receiver(post_delete, sender=Credit)
@receiver(post_save, sender=WorkArtist)
@receiver(post_delete, sender=WorkArtist)
def work_part_changed(sender, instance, **kwargs):
    ends = _ends(instance)
    snapshot_changes.note(works=[work for work, _ in ends], people=[person for _, person in ends])


@receiver(post_save, sender=WorkLink)
@receiver(post_delete, sender=WorkLink)
def work_link_changed(sender, instance, **kwargs):
    snapshot_changes.note(own=[work for ends in _ends(instance) for work in ends])


@receiver(post_save, sender=WorkTitle)
@receiver(post_delete, sender=WorkTitle)
def work_title_shown(sender, instance, **kwargs):
    snapshot_changes.note(own=[instance.work_id])


@receiver(post_save, sender=Work)
def work_saved(sender, instance, created, **kwargs):
    if not created:
        snapshot_changes.note(works=[instance.pk])


@receiver(post_save, sender=Person)
def person_saved(sender, instance, created, **kwargs):
    if not created:
        snapshot_changes.note(people=[instance.pk])


# Once deleted, a record's links and credits are gone too: the videos showing it are found first.
@receiver(pre_delete, sender=Work)
def work_deleted(sender, instance, **kwargs):
    snapshot_changes.note(own=snapshots.videos_showing(works=[instance.pk]) - {instance.pk},
                           own_people=snapshots.people_showing(works=[instance.pk]))


@receiver(pre_delete, sender=Person)
def person_deleted(sender, instance, **kwargs):
    snapshot_changes.note(own=snapshots.videos_showing(people=[instance.pk]),
                           own_people=snapshots.people_showing(people=[instance.pk]) - {instance.pk})


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, **kwargs):
    snapshot_changes.note(own_people=[person for ends in _ends(instance) for person in ends])


@receiver(post_save, sender=PersonName)
@receiver(post_delete, sender=PersonName)
def other_name_shown(sender, instance, **kwargs):
    snapshot_changes.note(own_people=[instance.person_id])


# A credit links to the article it was read from while that article is live, at its address:
# the address moves with the page and with every page above it (a section renamed or moved).
def _citing(page) -> list[int]:
    credits = Credit.objects.filter(source_article__isnull=False)
    if page.numchild:
        credits = credits.filter(source_article__path__startswith=page.path)
    else:
        credits = credits.filter(source_article_id=page.pk)
    return list(credits.values_list("work_id", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def source_page_changed(sender, instance, **kwargs):
    snapshot_changes.note(own=_citing(instance))


@receiver(pre_delete, sender=Page)  # deleting any page class collects its Page row too
def source_page_deleted(sender, instance, **kwargs):
    snapshot_changes.note(own=_citing(instance))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, instance, **kwargs):
    """A site's hostname, port or root is part of every address under it, and with a second
    site every address gains its host."""
    snapshot_changes.note(own=Credit.objects.filter(source_article__isnull=False)
                           .values_list("work_id", flat=True))
