"""Admin forms that check what a single row cannot see: the whole set of names on one person."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from .spelling import name_key


class PersonForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        seen = {name_key(cleaned.get("name") or ""): _("the main name")}
        names = self.formsets.get("names")
        if names is None:
            return cleaned
        for form in names.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            name = form.cleaned_data.get("name")
            if not name:
                continue
            key = name_key(name)
            if key in seen:
                form.add_error("name", _("“%(name)s” repeats %(other)s; remove one of them.")
                               % {"name": name, "other": seen[key]})
            else:
                seen[key] = _("another name in this list")
        return cleaned
