from django_tasks import task


@task()
def analyze_look(look_id: int) -> None:
    """Video analysis in the background (`deepcuts worker`): minutes of decoding for a long file."""
    from .analysing import run

    run(look_id)
