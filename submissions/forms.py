"""The reader's form (also used by the API, so both refuse the same things in the same words) and
the editor's accept and reject forms.

Limits are checked on the server only: a `maxlength` in the browser would silently cut a pasted
text, and a person must see what was too long rather than lose the end of it.
"""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.dates import PartialDateError
from editorial.models import Language, SectionPage
from releases.models import ReleaseEvent

from .dates import read_date
from .models import Submission

TEXT_MIN = 10
TEXT_MAX = 5000
MAX_LINKS = 5
LINK_MAX = 200  # the catalog's and the articles' source links hold 200 characters
SHORT_MAX = 200  # place, contact
DATE_MAX = 60
URL_IN_TEXT = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
HONEYPOT = "website"


def looks_like_url(word: str) -> bool:
    return "://" in word or word.lower().startswith("www.") or "." in word.strip(".")


def unicode_only(value: str) -> None:
    """Refuses what cannot be stored as UTF-8: a lone surrogate (half an emoji) sent as JSON."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(_("This contains a broken character (half of an emoji?): delete it "
                                "and type it again.")) from exc


def length_at_most(limit: int):
    def check(value: str) -> None:
        if len(value) > limit:
            raise ValidationError(
                ngettext("This is %(length)s characters long; the limit is %(limit)s: shorten it by "
                         "%(over)s character.",
                         "This is %(length)s characters long; the limit is %(limit)s: shorten it by "
                         "%(over)s characters.", len(value) - limit)
                % {"length": len(value), "limit": limit, "over": len(value) - limit})
    return check


def text_field(label, limit: int, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=required, strip=False,
                           validators=[unicode_only, length_at_most(limit)], **kwargs)


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What are you sending?"), choices=Submission.Kind.choices,
                             initial=Submission.Kind.TIP, widget=forms.RadioSelect,
                             error_messages={"invalid_choice": _("Choose a news tip or an upcoming event.")})
    text = text_field(
        _("Your tip"), TEXT_MAX, required=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened or what is coming: who, which video, when. Russian or English, "
                    "up to %(limit)s characters.") % {"limit": TEXT_MAX},
        error_messages={"required": _("Write your tip: the text is empty.")})
    links = text_field(
        _("Links"), MAX_LINKS * (LINK_MAX + 2), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where you saw it: up to %(count)s web addresses, one per line.") % {"count": MAX_LINKS})
    event_date = text_field(_("Date"), DATE_MAX)
    place = text_field(_("Place"), SHORT_MAX, help_text=_("For an event: a city, a venue or a website."))
    contact = text_field(
        _("How can we reach you?"), SHORT_MAX,
        help_text=_("An e-mail or a messenger name, if we may ask you a question. Never published."))
    # Hidden from people by the stylesheet; robots fill in every field they find.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year + 1
        self.fields["event_date"].help_text = _("For an event: a day or a month, e.g. 24 May %(year)s or "
                                                "May %(year)s.") % {"year": year}

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise ValidationError(self.fields["text"].error_messages["required"])
        if len(text.strip()) < TEXT_MIN:
            raise ValidationError(_("Tell us a little more: at least %(count)s characters, so an editor "
                                    "can follow it up.") % {"count": TEXT_MIN})
        if len(URL_IN_TEXT.findall(text)) > MAX_LINKS:
            raise ValidationError(_("The text has more than %(count)s web addresses: keep the ones that "
                                    "matter most.") % {"count": MAX_LINKS})
        return text

    def clean_links(self):
        typed = []
        for line in self.cleaned_data["links"].splitlines():
            words = [w.strip(",;") for w in line.split() if w.strip(",;")]
            # Several addresses on one line are several links; other words are one mistyped link.
            typed += words if all(looks_like_url(w) for w in words) else [line.strip()]
        if len(typed) > MAX_LINKS:
            raise ValidationError(_("You gave %(given)s links; up to %(count)s fit: keep the ones that "
                                    "say the most.") % {"given": len(typed), "count": MAX_LINKS})
        links, errors = [], []
        for link in typed:
            url = link if "://" in link else f"https://{link}"
            if len(url) > LINK_MAX:
                errors.append(_("“%(link)s…” is longer than %(limit)s characters: drop the part after "
                                "“?” if it has one.") % {"link": link[:40], "limit": LINK_MAX})
                continue
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                errors.append(_("“%(link)s” is not a web address: it should look like "
                                "https://example.com/news.") % {"link": link[:80]})
                continue
            if url not in links:
                links.append(url)
        if errors:
            raise ValidationError(errors)
        return links

    def clean_event_date(self):
        typed = self.cleaned_data["event_date"].strip()
        if not typed:
            return None
        try:
            return read_date(typed, timezone.localdate(), upcoming=self.data.get("kind") == "event")
        except PartialDateError as exc:
            raise ValidationError(str(exc)) from exc

    @property
    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    def clean(self):
        cleaned = super().clean()
        if self.honeypot_filled:
            self.add_error(HONEYPOT, _("This field is a trap for spam robots and must stay empty: clear "
                                       "it and send again."))
        return cleaned

    def submission(self) -> Submission:
        """The unsaved submission: every text exactly as it was sent."""
        data = self.cleaned_data
        when = data.get("event_date")
        return Submission(kind=data["kind"], text=data["text"], links=data["links"],
                          event_date=when.isoformat() if when else "",
                          event_date_as_typed=str(self.data.get("event_date", "")).strip() if when else "",
                          place=data["place"], contact=data["contact"])


REJECT_REASONS = [_("Spam"), _("Not about music videos"), _("We could not confirm it"),
                  _("Already covered"), _("Duplicate of another submission")]


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500,
                             widget=forms.TextInput(attrs={"list": "reject-reasons"}),
                             error_messages={"required": _("Say why it is rejected: the reason is kept "
                                                           "with the submission.")})


class AcceptForm(forms.Form):
    """Both ways to accept: a draft article or a release event, from the proposals ticked."""

    article_title = forms.CharField(label=_("Article title"), max_length=250, required=False)
    section = forms.ModelChoiceField(label=_("Section"), queryset=SectionPage.objects.all(),
                                     required=False, empty_label=None)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, required=False)
    event_title = forms.CharField(label=_("Event title"), max_length=300, required=False)
    event_kind = forms.ChoiceField(label=_("Kind of event"), choices=ReleaseEvent.Kind.choices,
                                   required=False)
    event_date = forms.CharField(label=_("Event date"), max_length=DATE_MAX, required=False,
                                 help_text=_("24 May 2026, May 2026 or 2026-05-24"))
    proposals = forms.TypedMultipleChoiceField(coerce=int, required=False)

    ARTICLE, EVENT = "article", "event"
    NEEDED = {ARTICLE: ("article_title", "language"),  # no section: the news section
              EVENT: ("event_title", "event_kind", "event_date")}

    def __init__(self, *args, submission: Submission, action: str = ARTICLE, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["proposals"].choices = [(p.pk, str(p)) for p in submission.proposals.all()
                                            if p.linkable]

    def clean(self):
        cleaned = super().clean()
        for name in self.NEEDED.get(self.action, ()):
            if not cleaned.get(name) and not self.has_error(name):
                self.add_error(name, _("Fill this in to go on."))
        return cleaned

    def clean_event_date(self):
        typed = self.cleaned_data["event_date"].strip()
        if not typed:
            return None
        try:
            return read_date(typed, timezone.localdate())
        except PartialDateError as exc:
            raise ValidationError(str(exc)) from exc
