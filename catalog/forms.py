"""Admin forms that check what a single inline row cannot see: the object being edited, and the
other rows. A row's own `clean()` runs before its parent key is set, so self-links and repeated
names are caught here, with a message next to the offending row.

Both forms are versioned (audit.forms.VersionedForm): a save that would overwrite what someone
else saved since the form was opened is refused and shows the differences.
"""
from django.utils.translation import gettext as _

from audit.forms import VersionedForm

from .spelling import name_key


def live_rows(formset):
    """The inline rows that will be saved: valid and not marked for deletion."""
    for form in formset.forms:
        if form.is_valid() and not form.cleaned_data.get("DELETE"):
            yield form


def refuse_self(form, formset_name: str, field: str, message: str) -> None:
    formset = form.formsets.get(formset_name)
    if formset is None or form.instance.pk is None:
        return
    for row in live_rows(formset):
        target = row.cleaned_data.get(field)
        if target is not None and target.pk == form.instance.pk:
            row.add_error(field, message)


class PersonForm(VersionedForm):
    def clean(self):
        cleaned = super().clean()
        refuse_self(self, "memberships", "member", _("A group cannot be a member of itself."))
        names = self.formsets.get("names")
        if names is None:
            return cleaned
        seen = {name_key(cleaned.get("name") or ""): _("the main name")}
        for row in live_rows(names):
            name = row.cleaned_data.get("name")
            if not name:
                continue
            key = name_key(name)
            if key in seen:
                row.add_error("name", _("“%(name)s” repeats %(other)s; remove one of them.")
                              % {"name": name, "other": seen[key]})
            else:
                seen[key] = _("another name in this list")
        return cleaned


class WorkForm(VersionedForm):
    def clean(self):
        cleaned = super().clean()
        refuse_self(self, "links_out", "target", _("A work cannot link to itself: pick another work."))
        return cleaned
