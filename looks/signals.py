"""A new or replaced video file queues its analysis once the upload is saved; a finished or
removed look changes its makers' signatures."""
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import VideoLook


@receiver(post_save, sender=VideoLook)
def queue_analysis(sender, instance, **kwargs):
    from .tasks import analyze_look

    if instance.source and instance.status == VideoLook.Status.QUEUED:
        transaction.on_commit(lambda: analyze_look.enqueue(instance.pk))


@receiver(pre_save, sender=VideoLook)
def look_moving(sender, instance, **kwargs):
    # An editor can attach a look to another video: the old video's makers lose it.
    if not instance._state.adding:
        before = sender.objects.filter(pk=instance.pk).values_list("work_id", flat=True)
        instance._work_before = before.first()


@receiver(post_save, sender=VideoLook)
@receiver(post_delete, sender=VideoLook)
def signature_changed(sender, instance, **kwargs):
    """The person pages of the video's director and cinematographer show its palette and pace in
    their signature (catalog.snapshots.prepare_people)."""
    from catalog.models import Credit
    from catalog.signals import snapshot_changes
    from catalog.snapshots import MORE_ROLES

    works = {instance.work_id, getattr(instance, "_work_before", None)} - {None}
    snapshot_changes.note(own_people=Credit.objects.filter(work_id__in=works, role__in=MORE_ROLES)
                          .values_list("person_id", flat=True))
