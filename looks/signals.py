"""A new or replaced video file queues its analysis once the upload is saved."""
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import VideoLook


@receiver(post_save, sender=VideoLook)
def queue_analysis(sender, instance, **kwargs):
    from .tasks import analyze_look

    if instance.source and instance.status == VideoLook.Status.QUEUED:
        transaction.on_commit(lambda: analyze_look.enqueue(instance.pk))
