from django_tasks import task


@task()
def analyze_look(look_id: int) -> None:
    """Video analysis in the background (`deepcuts worker`): minutes of decoding for a long file."""
    from .analysing import run
    from .models import VideoLook

    try:
        run(look_id)
    except Exception as exc:  # recorded on the look, so the admin shows why; saving it again retries
        VideoLook.objects.filter(pk=look_id).update(status=VideoLook.Status.FAILED,
                                                    error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
