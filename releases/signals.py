"""Keep release events in step when the catalog, an accepted fact or a hand-made event changes.

The work is resynced inline: it is a handful of queries for one work, and readers should see the
new date on the next page load, not after a worker gets round to it.
"""
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from catalog.models import Person, Work, WorkArtist
from imports.models import Proposal

from .models import ReleaseEvent
from .sync import record_fact, sync_work, sync_work_by_id


@receiver(post_save, sender=Work)
def work_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_work(instance)


@receiver(pre_delete, sender=Work)
def work_deleted(sender, instance, **kwargs):
    ReleaseEvent.objects.derived().filter(work=instance).delete()


def _deleting_work(origin, work_id) -> bool:
    """Whether a deletion started at this work (or at works): its artists go before it does,
    and syncing it then would derive a new event for a work about to disappear."""
    if isinstance(origin, Work):
        return origin.pk == work_id
    return isinstance(origin, QuerySet) and origin.model is Work


@receiver(post_save, sender=WorkArtist)
@receiver(post_delete, sender=WorkArtist)
def work_artists_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and not _deleting_work(origin, instance.work_id):
        sync_work_by_id(instance.work_id)


@receiver(pre_save, sender=ReleaseEvent)
def remember_previous_work(sender, instance, raw=False, **kwargs):
    instance._previous_work_id = (
        ReleaseEvent.objects.filter(pk=instance.pk).values_list("work_id", flat=True).first()
        if instance.pk and not raw else None)


@receiver(post_save, sender=ReleaseEvent)
@receiver(post_delete, sender=ReleaseEvent)
def hand_made_event_changed(sender, instance, raw=False, **kwargs):
    """A hand-made event replaces the work's derived one; moving or deleting it brings that back."""
    if raw or instance.is_derived:
        return
    for work_id in {instance.work_id, getattr(instance, "_previous_work_id", None)} - {None}:
        sync_work_by_id(work_id)


@receiver(m2m_changed, sender=ReleaseEvent.artists.through)
def event_artists_changed(sender, instance, action, reverse, **kwargs):
    # Feeds answer "not modified" by the newest updated_at, so a new artist must move it.
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        events = ReleaseEvent.objects.filter(pk=instance.pk)
    elif reverse and action in ("post_add", "post_remove"):
        events = ReleaseEvent.objects.filter(pk__in=kwargs.get("pk_set") or ())
    elif reverse and action == "pre_clear":
        events = ReleaseEvent.objects.filter(artists=instance)
    else:
        return
    events.update(updated_at=timezone.now())


@receiver(post_save, sender=Person)
def artist_renamed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        ReleaseEvent.objects.filter(artists=instance).update(updated_at=timezone.now())


@receiver(post_save, sender=Proposal)
def fact_accepted(sender, instance, raw=False, **kwargs):
    if raw or instance.status != Proposal.Status.ACCEPTED:
        return
    if instance.kind in (Proposal.Kind.RELEASE_DATE, Proposal.Kind.ALBUM_DATE):
        record_fact(instance)
