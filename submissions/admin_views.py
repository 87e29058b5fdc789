"""The moderation queue in the Wagtail admin: a list with status filters, and one screen per
submission to accept it as a draft article or a release event, or reject it with a reason.

Every view needs `submissions.moderate_submission`; Wagtail's own check (admin access) runs
first, so an anonymous visitor is sent to the login page and never sees a submission.
"""
import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import permission_required

from imports.importing import default_section

from .analysis import analyse
from .forms import REJECT_REASONS, AcceptForm, RejectForm
from .models import Proposal, Submission
from .moderation import ModerationError, accept_as_article, accept_as_event, reject, suggested_title
from .richtext import article_html

MODERATE = "submissions.moderate_submission"
can_moderate = permission_required(MODERATE)
PER_PAGE = 30
logger = logging.getLogger(__name__)


@can_moderate
def queue(request):
    status = request.GET.get("status", Submission.Status.NEW)
    if status not in Submission.Status.values and status != "all":
        status = Submission.Status.NEW
    kind = request.GET.get("kind", "")
    submissions = Submission.objects.annotate(found=Count("proposals")).order_by("-created_at", "-pk")
    if status != "all":
        submissions = submissions.filter(status=status)
    if kind in Submission.Kind.values:
        submissions = submissions.filter(kind=kind)
    counts = dict(Submission.objects.values_list("status").annotate(n=Count("pk")))
    tabs = [(value, label, counts.get(value, 0)) for value, label in Submission.Status.choices]
    tabs.append(("all", _("All"), sum(counts.values())))
    page = Paginator(submissions, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "submissions/admin/queue.html", {
        "page": page, "status": status, "kind": kind, "tabs": tabs, "kinds": Submission.Kind.choices,
    })


def initial_for(submission: Submission) -> dict:
    proposals = list(submission.proposals.all())
    dates = [p.value for p in proposals if p.kind == Proposal.Kind.DATE and not p.value.startswith("--")]
    works = [p for p in proposals if p.kind == Proposal.Kind.WORK and p.work_id]
    artists = [p.name for p in proposals if p.kind == Proposal.Kind.ARTIST][:2]
    event_title = suggested_title(submission)
    if works:
        event_title = " — ".join(filter(None, [" & ".join(artists), works[0].work.title]))
    return {
        "article_title": suggested_title(submission),
        "section": default_section(),
        "language": submission.language or "en",
        "event_title": event_title,
        "event_kind": "video_premiere" if works else "other",
        "event_date": submission.event_date or (dates[0] if dates else ""),
        # Catalog matches are ticked; a match only across scripts waits for the editor.
        "proposals": [p.pk for p in proposals if p.person_id or p.work_id],
    }


def detail_context(submission: Submission, user, accept_form=None, reject_form=None) -> dict:
    proposals = list(submission.proposals.select_related("work", "person", "suggested_person"))
    accept_form = accept_form or AcceptForm(initial=initial_for(submission), submission=submission)
    others = (Submission.objects.filter(sender=submission.sender).exclude(pk=submission.pk).count()
              if submission.sender else 0)
    return {
        "submission": submission,
        "proposals": proposals,
        "accept_form": accept_form,
        "ticked": {str(pk) for pk in accept_form["proposals"].value() or []},
        "reject_form": reject_form or RejectForm(),
        "reject_reasons": REJECT_REASONS,
        "preview": article_html(submission.text),
        "same_sender": others,
        "event_url": AdminURLFinder(user).get_edit_url(submission.release_event)
        if submission.release_event else None,
        "can_accept": submission.status != Submission.Status.REJECTED
        and not (submission.article_id and submission.release_event_id),
    }


def show(request, submission: Submission, **forms):
    return render(request, "submissions/admin/detail.html", detail_context(submission, request.user, **forms))


@can_moderate
def detail(request, pk):
    submissions = Submission.objects.select_related("article", "release_event", "decided_by")
    submission = get_object_or_404(submissions, pk=pk)
    return show(request, submission)


@can_moderate
@require_POST
def accept(request, pk):
    submission = get_object_or_404(Submission, pk=pk)
    action = request.POST.get("action", AcceptForm.ARTICLE)
    form = AcceptForm(request.POST, submission=submission, action=action)
    if action not in AcceptForm.NEEDED:
        messages.error(request, _("Choose “Create a draft article” or “Add to the release calendar”."))
        return redirect("submissions_admin:detail", pk=pk)
    if not form.is_valid():
        messages.error(request, _("Nothing was created: fix what is marked below."))
        return show(request, submission, accept_form=form)
    data = form.cleaned_data
    try:
        if action == AcceptForm.ARTICLE:
            page = accept_as_article(submission, request.user, data["article_title"], data["section"],
                                     data["language"], data["proposals"])
            messages.success(request, _("Draft article created, not published: “%(title)s”.")
                             % {"title": page.title})
        else:
            event = accept_as_event(submission, request.user, data["event_title"], data["event_kind"],
                                    data["event_date"], data["proposals"])
            messages.success(request, _("Added to the release calendar as announced: “%(title)s”.")
                             % {"title": event.title})
    except ModerationError as exc:
        messages.error(request, str(exc))
    return redirect("submissions_admin:detail", pk=pk)


@can_moderate
@require_POST
def refuse(request, pk):
    submission = get_object_or_404(Submission, pk=pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return show(request, submission, reject_form=form)
    try:
        reject(submission, request.user, form.cleaned_data["reason"])
    except ModerationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Rejected. The reason is kept with the submission."))
    return redirect("submissions_admin:detail", pk=pk)


@can_moderate
@require_POST
def reanalyse(request, pk):
    """Ask the extractor again: after the catalog has grown, or if the background run failed."""
    submission = get_object_or_404(Submission, pk=pk)
    try:
        analyse(submission.pk)
    except Exception:
        logger.exception("Finding proposals for submission %s failed", pk)
        messages.error(request, _("The extractor failed on this text; the details are in the server log. "
                                  "You can still accept or reject the submission by hand."))
        return redirect("submissions_admin:detail", pk=pk)
    submission.refresh_from_db()
    if submission.analysis_error:
        messages.error(request, submission.analysis_error)
    else:
        messages.success(request, _("Proposals worked out again from the text."))
    return redirect("submissions_admin:detail", pk=pk)
