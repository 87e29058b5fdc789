"""Submissions are read by the extractor in the background (`deepcuts worker`), so sending a tip
never waits for it; tests and development run the task inline."""
from django_tasks import task


@task()
def analyse_submission(submission_id: int) -> None:
    """A failure is recorded on the submission; the editor can ask for the proposals again."""
    from .analysis import analyse
    from .models import Submission

    try:
        analyse(submission_id)
    except Exception as exc:
        Submission.objects.filter(pk=submission_id).update(
            analysis_error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
