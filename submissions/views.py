"""The public side: the form at /submit/ and the thank-you page.

The form view checks CSRF itself instead of leaving it to the middleware: the middleware's
refusal is a bare 403 page that throws away what the reader typed (a tab left open overnight
loses its token), while this view shows the form again, filled in, with a sentence saying why.
"""
from django.core.exceptions import RequestDataTooBig
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from .forms import HONEYPOT, TEXT_MAX, SubmissionForm
from .intake import Outcome, receive
from .ratelimit import client_address

TEMPLATE = "submissions/submit.html"


def csrf_refused(request) -> bool:
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}) is not None


@never_cache
@csrf_exempt  # checked in the view: see the module docstring
def submit(request):
    if request.method != "POST":
        return render(request, TEMPLATE, {"form": SubmissionForm()})
    try:
        request.POST  # noqa: B018 -- reading it is what may fail
    except RequestDataTooBig:
        return render(request, TEMPLATE, {
            "form": SubmissionForm(),
            "notice": _("What you sent is far too long for us to read (the text may be up to %(limit)s "
                        "characters). Nothing was sent: go back with your browser’s Back button, where "
                        "your text is still there, and shorten it.") % {"limit": TEXT_MAX},
        }, status=413)
    if csrf_refused(request):
        typed = {k: v for k, v in request.POST.items() if k not in (HONEYPOT, "csrfmiddlewaretoken")}
        return render(request, TEMPLATE, {
            "form": SubmissionForm(initial=typed),
            "notice": _("This page was open for a long time or cookies are blocked, so we could not "
                        "check that the form came from you. Nothing was sent: check the text below and "
                        "press “Send” again (allow cookies for this site if it happens again)."),
        }, status=403)
    received = receive(SubmissionForm(request.POST), client_address(request))
    if received.outcome is Outcome.STORED:
        return redirect("submissions:thanks")
    context = {"form": received.form}
    if received.outcome is Outcome.LIMITED:
        context["notice"] = _(
            "You have sent several messages in the last few minutes, so this one was not sent yet. "
            "Everything you typed is still here: please press “Send” again in %(minutes)s min."
        ) % {"minutes": received.retry_after_minutes}
        response = render(request, TEMPLATE, context, status=429)
        response["Retry-After"] = str(received.retry_after)
        return response
    return render(request, TEMPLATE, context)


def thanks(request):
    return render(request, "submissions/thanks.html")
