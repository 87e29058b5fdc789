"""An admin form that refuses to overwrite what someone else saved while it was open."""
from django import forms
from django.db.models import UniqueConstraint
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from deepcuts.admin_forms import KnownRowsModelForm

from .conflicts import clashes, version_of


def refuse_rows_added_meanwhile(form) -> None:
    """A new row that repeats a row someone else saved since the form was opened (the same
    credit, accepted from an import meanwhile) is refused on that row, instead of failing on
    the database's unique constraint. Rows the form carries are checked by the formset itself."""
    for formset in getattr(form, "formsets", {}).values():
        model, parent = formset.model, formset.fk.name
        in_form = [row.instance.pk for row in formset.forms if row.instance.pk]
        others = list(model._default_manager.filter(**{parent: form.instance}).exclude(pk__in=in_form))
        unique = [c.fields for c in model._meta.constraints
                  if isinstance(c, UniqueConstraint) and c.fields and c.condition is None]
        if not others or not unique:
            continue
        for row in formset.forms:
            if not row.is_valid() or formset._should_delete_form(row) or not row.has_changed():
                continue
            for fields in unique:
                mine = [row.cleaned_data.get(f) if f != parent else form.instance for f in fields]
                twin = next((o for o in others if [getattr(o, f) for f in fields] == mine), None)
                if twin is not None:
                    row.add_error(None, _(
                        "Someone else saved “%(row)s” while you were editing, so it is there "
                        "already: remove this row.") % {"row": twin})
                    break


class VersionedForm(KnownRowsModelForm):
    """Carries the record's version in a hidden field; `clean()` compares it with the record now.

    On a clash the form is invalid, so the person's input comes back as they typed it, and
    `self.clashes` lists, field by field, what they started from, what was saved since and what
    they typed. The hidden version moves to the current one: saving again, after reading the
    differences, is a decision and goes through.
    """

    audit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.clashes = []
        if self.instance.pk is not None:
            self.fields["audit_version"].initial = version_of(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            refuse_rows_added_meanwhile(self)
        started = str(cleaned.get("audit_version") or "")
        if self.instance.pk is None or not started.isdigit():
            return cleaned  # a new record, or a post from elsewhere that did not say what it started from
        self.clashes = clashes(self, int(started), self.for_user)
        if self.clashes:
            latest = max(self.clashes, key=lambda clash: clash.at)
            self.add_error(None, _(
                "%(who)s saved this record at %(when)s, after you opened it, and saving yours would "
                "undo part of that. Nothing of yours is saved yet: compare below what you started "
                "from, what they saved and what you typed, adjust the form if needed, then save "
                "again to keep your version."
            ) % {"who": latest.by, "when": date_format(localtime(latest.at), "DATETIME_FORMAT")})
            self.data = self.data.copy()
            self.data[self.add_prefix("audit_version")] = str(version_of(self.instance))
        return cleaned
