"""The admin form for a release event.

Saving an event that followed the catalog makes it the editor's: the catalog stops rewriting it
(releases.sync leaves hand-made events alone), so an editor can add the hour and zone of a
premiere that the work's release date cannot hold.
"""
import zoneinfo
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from deepcuts.admin_forms import KnownRowsModelForm


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/"))
    return [("", _("— no time zone —")), ("UTC", "UTC"), *((z, z.replace("_", " ")) for z in zones)]


class ReleaseEventForm(KnownRowsModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "timezone" in self.fields:
            field = self.fields["timezone"]
            choices = time_zone_choices()
            current = self.initial.get("timezone") or getattr(self.instance, "timezone", "")
            if current and current not in dict(choices):
                # An unusual zone stored from code stays selectable instead of being wiped.
                choices = [*choices, (current, current)]
            field.widget = forms.Select(choices=choices)

    def save(self, commit=True):
        event = self.instance
        if event.pk and event.is_derived:
            event.origin = event.Origin.EDITOR
        event = super().save(commit=commit)
        if commit and event.work_id and not event.artists.exists():
            event.artists.set([wa.person for wa in event.work.artists.select_related("person")])
        return event
