"""Admin screens: import articles, watch the batch, review each article's proposals."""
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from extraction import ExtractionInputError

from .forms import EditProposalForm, ImportForm
from .importing import queue_import
from .models import ImportedArticle, Proposal
from .review import ReviewError, accept, conflicts, edit, reject

can_review = permission_required("imports.change_proposal", raise_exception=True)


@can_review
def index(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = str(uuid.uuid4())
        sources = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        if form.cleaned_data["text"].strip():
            sources.append((_("Pasted text"), form.cleaned_data["text"]))
        new, known = 0, []
        for name, data in sources:
            try:
                with transaction.atomic():
                    imported, created = queue_import(name, data, form.cleaned_data["article_date"],
                                                     form.cleaned_data["section"], request.user, batch)
            except ExtractionInputError as exc:
                messages.error(request, str(exc))
                continue
            if created:
                new += 1
            else:
                known.append(imported)
        for imported in known:
            messages.info(request, _("“%(name)s” was imported before: nothing changed.")
                          % {"name": imported.title})
        if new:
            return redirect("imports:batch", batch=batch)
        if known:
            return redirect("imports:review", pk=known[0].pk)
    imports = ImportedArticle.objects.select_related("page")[:50]
    return render(request, "imports/index.html", {"form": form, "imports": imports})


@can_review
def batch(request, batch):
    items = list(ImportedArticle.objects.filter(batch=batch).select_related("page"))
    total = len(items)
    done = sum(1 for i in items if i.status != ImportedArticle.Status.QUEUED)
    return render(request, "imports/batch.html", {
        "items": items, "total": total, "done": done, "finished": done == total,
        "percent": int(100 * done / total) if total else 100,
    })


def highlighted(imported: ImportedArticle, proposals) -> list[tuple[str, str | None]]:
    """The article text cut into (text, anchor) pieces; a piece with an anchor is evidence."""
    ranges = sorted({(p.evidence_start, p.evidence_end) for p in proposals if p.evidence_start is not None})
    pieces, pos = [], 0
    for start, end in ranges:
        if start < pos:
            continue
        pieces.append((imported.text[pos:start], None))
        pieces.append((imported.text[start:end], f"ev-{start}"))
        pos = end
    pieces.append((imported.text[pos:], None))
    return pieces


@can_review
def review(request, pk):
    imported = get_object_or_404(ImportedArticle.objects.select_related("page"), pk=pk)
    proposals = list(imported.proposals.select_related("person", "suggested_person", "work"))
    rows = [{"proposal": p, "conflicts": conflicts(p) if p.status == Proposal.Status.PENDING else [],
             "form": EditProposalForm(initial={"name": p.name, "role": p.role, "value": p.value})}
            for p in proposals]
    return render(request, "imports/review.html", {
        "imported": imported, "rows": rows, "pieces": highlighted(imported, proposals),
    })


@can_review
@require_POST
def decide(request, pk):
    proposal = get_object_or_404(Proposal.objects.select_related("imported"), pk=pk)
    action = request.POST.get("action", "")
    back = reverse("imports:review", args=[proposal.imported_id]) + f"#proposal-{proposal.pk}"
    try:
        with transaction.atomic():  # "Save and accept" saves nothing if the accept is refused
            if action in ("edit", "edit_accept"):
                form = EditProposalForm(request.POST)
                if not form.is_valid():
                    raise ReviewError(_("Check the corrected values: ") + form.errors.as_text())
                edit(proposal, form.cleaned_data["name"], form.cleaned_data["role"] or None,
                     form.cleaned_data["value"] or None)
            if action in ("accept", "accept_anyway", "link", "edit_accept"):
                accept(proposal, request.user, link_suggestion=action == "link",
                       force=action == "accept_anyway")
                messages.success(request, _("Accepted: %(fact)s") % {"fact": proposal})
            elif action == "reject":
                reject(proposal, request.user, request.POST.get("reason", ""))
                messages.info(request, _("Rejected: %(fact)s") % {"fact": proposal})
            elif action != "edit":
                raise ReviewError(_("Unknown action."))
    except ReviewError as exc:
        proposal.refresh_from_db()
        messages.error(request, str(exc))
    return redirect(back)
