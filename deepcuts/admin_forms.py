"""Admin forms whose hidden ids are checked before anything else reads them.

Each inline row of an edit form (a person's names, a work's credits, an article's sources)
carries the id of the row it edits in a hidden field, and a chooser (a work's album) the id of
the record chosen. django-modelcluster trusts the row ids: one that is not a number fails with a
500 while the form is being built, and an emptied one turns an existing row into a new one,
which can then fail on a unique constraint while saving. Wagtail's chooser, shown again after an
error, looks its id up and fails the same way on one that is not a number. Browsers only send
such ids when the page was altered, but the answer must still be a sentence: the form comes
back with what was typed and says what to do.
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.widgets import BaseChooser


class KnownRows:
    """Mix into a ClusterForm: rows whose ids are not this record's make the form invalid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown_rows = self.is_bound and self._forget_unknown_row_ids()
        if self.is_bound:
            self._forget_chosen_ids_that_are_no_ids()

    def _forget_chosen_ids_that_are_no_ids(self) -> None:
        """A chooser's value that cannot be an id is sent on as empty, so the page can show the
        chooser again; the field says why it is empty."""
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not isinstance(field.widget, BaseChooser) or not self.data.get(key):
                continue
            try:
                field.queryset.model._meta.pk.to_python(self.data[key])
            except ValidationError:
                self.data = self.data.copy()
                self.data[key] = ""
                self.not_ids = [*getattr(self, "not_ids", []), name]

    def _forget_unknown_row_ids(self) -> bool:
        """Empty every row id that cannot be one, so the rows can be built and shown again as
        typed; True if there was one. An empty id is one only for a row not saved yet (from a
        draft revision). A number the record has no row for is left alone: it is usually a row
        someone removed meanwhile, which the edit-conflict check (audit.forms) reports."""
        data, unknown = self.data.copy(), False
        for formset in self.formsets.values():
            rows, pk = list(formset.get_queryset()), formset.model._meta.pk
            for index in range(formset.initial_form_count()):
                key = f"{formset.add_prefix(index)}-{pk.name}"
                sent = str(data.get(key, ""))
                if sent == "":
                    if index < len(rows) and rows[index].pk is None:
                        continue
                else:
                    try:
                        pk.to_python(sent)
                        continue
                    except ValidationError:
                        pass
                data[key], unknown = "", True
        if unknown:
            self.data = data
            for formset in self.formsets.values():
                formset.data = data
        return unknown

    def is_valid(self):
        valid = super().is_valid()
        for name in getattr(self, "not_ids", []):
            self.add_error(name, _("What was sent for this field is not a record: choose it again."))
            valid = False
        if self.unknown_rows:
            self.add_error(None, _(
                "Some rows of this form were sent without the record's own ids for them (was the "
                "page altered?): reload the page and make your change again."))
            return False
        return valid


class KnownRowsModelForm(KnownRows, WagtailAdminModelForm):
    pass


class KnownRowsPageForm(KnownRows, WagtailAdminPageForm):
    pass
