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
from wagtail.models import RevisionMixin


class KnownRows:
    """Mix into a ClusterForm: hidden ids that cannot be ids make the form invalid, in words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown_rows, self.not_ids, self.rows_not_ids = False, [], False
        if self.is_bound:
            data = self.data.copy()
            self.unknown_rows = self._forget_unknown_row_ids(data)
            self.not_ids = self._forget_chosen_ids_that_are_no_ids(data)
            self.data = data
            for formset in self.formsets.values():
                formset.data = data

    def _forget_chosen_ids_that_are_no_ids(self, data) -> list[str]:
        """A chooser's value that cannot be an id, on the form or on one of its rows, is sent on
        as empty, so the page can show the chooser again; returns the form's fields emptied."""
        def forget(prefix: str, fields) -> list[str]:
            emptied = []
            for name, field in fields.items():
                key = f"{prefix}-{name}" if prefix else name
                model = getattr(getattr(field, "queryset", None), "model", None)
                if model is None or not isinstance(field.widget, BaseChooser) or not data.get(key):
                    continue
                try:
                    model._meta.pk.to_python(data[key])
                except ValidationError:
                    data[key] = ""
                    emptied.append(name)
            return emptied

        emptied = forget(self.prefix, self.fields)
        for formset in self.formsets.values():
            for index in range(formset.total_form_count()):
                if forget(formset.add_prefix(index), formset.form.base_fields):
                    self.rows_not_ids = True
        return emptied

    def _forget_unknown_row_ids(self, data) -> bool:
        """Empty every row id that cannot be one, so the rows can be built and shown again as
        typed; True if there was one.

        An empty id is a new row. Wagtail sends those among the saved rows for records with
        revisions (autosave renumbers the rows of a draft), so there it is accepted; for other
        records a saved row's id emptied would save a second copy of the row. A number the
        record has no row for is left alone: it is usually a row someone removed meanwhile,
        which the edit-conflict check (audit.forms) reports."""
        unknown = False
        empty_is_new = isinstance(self.instance, RevisionMixin)
        for formset in self.formsets.values():
            pk = formset.model._meta.pk
            # INITIAL_FORMS is taken as sent; the total is capped by the formset's absolute_max.
            for index in range(min(formset.initial_form_count(), formset.total_form_count())):
                key = f"{formset.add_prefix(index)}-{pk.name}"
                sent = str(data.get(key, ""))
                if sent == "":
                    data[key] = ""  # modelcluster reads the key whether or not it was sent
                    unknown = unknown or not empty_is_new
                    continue
                try:
                    pk.to_python(sent)
                except ValidationError:
                    data[key], unknown = "", True
        return unknown

    def is_valid(self):
        valid = super().is_valid()
        for name in self.not_ids:
            self.add_error(name, _("What was sent for this field is not a record: choose it again."))
            valid = False
        if self.rows_not_ids:
            self.add_error(None, _("A record chosen in one of the rows was sent as something that is "
                                   "not a record: choose it again."))
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
