from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Role
from editorial.models import SectionPage

MAX_FILE_BYTES = 2 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportForm(forms.Form):
    text = forms.CharField(label=_("Paste an article"), required=False,
                           widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Plain text, Markdown or HTML, in Russian or English."))
    files = MultipleFileField(label=_("…or upload files"), required=False,
                              widget=MultipleFileInput(attrs={"accept": ".txt,.md,.html,.htm"}))
    article_date = forms.DateField(label=_("Article date"), required=False,
                                   help_text=_("Used for dates given as day and month only."))
    section = forms.ModelChoiceField(label=_("Section for the drafts"), queryset=SectionPage.objects.all(),
                                     empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .importing import default_section

        self.fields["section"].initial = default_section()

    def clean_files(self):
        files = self.cleaned_data["files"]
        for f in files:
            if f.size > MAX_FILE_BYTES:
                raise forms.ValidationError(_("%(name)s is larger than 2 MB: is it really an article?")
                                            % {"name": f.name})
        return files

    def clean(self):
        cleaned = super().clean()
        if self.has_error("files"):
            return cleaned  # the file's own error says what is wrong
        if not cleaned.get("text", "").strip() and not cleaned.get("files"):
            raise forms.ValidationError(_("Paste an article or choose at least one file."))
        return cleaned


class EditProposalForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=300)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", "—")] + list(Role.choices))
    value = forms.CharField(label=_("Date"), required=False, max_length=10,
                            help_text=_("YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD"))
