"""No silent overwrites: an edit form remembers which version of the record it was opened on,
and a save is refused when it would overwrite something saved since.

The version is the id of the record's latest recorded change. Every change to the record or to
its rows (a credit added by an accepted import, a title fixed through the API) is recorded
against the record, so it is a version of the whole record, rows included, which the record's
own `updated_at` is not.

A change made since is only a clash when this form would undo it: a field the other person
changed that this form sets to something else, a row they edited that this form edits or
removes, a row they removed that this form still has. Rows they added are not in this form and
survive its save, so they are not clashes.
"""
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from .display import EMPTY, field_label, show
from .models import Change
from .tracking import encode


def version_of(instance) -> int:
    latest = (Change.objects.filter(record_type=ContentType.objects.get_for_model(type(instance)),
                                    record_id=instance.pk)
              .order_by("-id").values_list("id", flat=True).first())
    return latest or 0


@dataclass
class Clash:
    what: str
    started: str
    theirs: str
    yours: str
    by: str
    at: datetime


@dataclass
class RowSince:
    """What happened to one row after the form was opened, all later changes taken together."""
    last: Change
    fields: dict  # attname -> [value when the form was opened, value now]
    labels: dict  # attname -> [text then, text now], for foreign keys

    def absorb(self, change: Change) -> None:
        self.last = change
        for name, (before, after) in change.diff.items():
            self.fields.setdefault(name, [before, after])[1] = after
            texts = change.labels.get(name, ["", ""])
            self.labels.setdefault(name, list(texts))[1] = texts[1]

    @property
    def removed(self) -> bool:
        return self.last.action == Change.Action.DELETED


def changes_since(instance, version: int) -> dict[tuple[int, int], RowSince]:
    rows: dict[tuple[int, int], RowSince] = {}
    later = (Change.objects.filter(record_type=ContentType.objects.get_for_model(type(instance)),
                                   record_id=instance.pk, id__gt=version)
             .select_related("user", "content_type").order_by("id"))
    for change in later:
        key = (change.content_type_id, change.object_id)
        if key not in rows:
            rows[key] = RowSince(change, {}, {})
        rows[key].absorb(change)
    return rows


def forms_by_row(form) -> dict[tuple[int, int], tuple[object, bool]]:
    """(content type, id) of each saved row the form carries -> (its form, marked for removal)."""
    found = {(ContentType.objects.get_for_model(type(form.instance)).pk, form.instance.pk): (form, False)}
    for formset in getattr(form, "formsets", {}).values():
        content_type = ContentType.objects.get_for_model(formset.model).pk
        pk_name = formset.model._meta.pk.name
        for row in formset.forms:
            # The posted id, not row.instance: a row removed since has no instance any more.
            posted = row.data.get(row.add_prefix(pk_name))
            if not posted or not str(posted).isdigit():
                continue
            row.is_valid()
            removing = formset.can_delete and formset._should_delete_form(row)
            found[(content_type, int(posted))] = (row, removing)
    return found


def typed(row_form, field) -> tuple[bool, object]:
    """(present, encoded value) of what the person typed for a model field."""
    if field.name not in row_form.fields or not hasattr(row_form, "cleaned_data") or \
            field.name not in row_form.cleaned_data:
        return False, None
    value = row_form.cleaned_data[field.name]
    if field.is_relation:
        value = value.pk if value is not None else None
    return True, encode(field, value)


def who(change: Change, user) -> str:
    if change.user is None:
        return change.get_source_display()
    if user is not None and change.user_id == user.pk:
        return _("you, in another window")
    return change.user.get_full_name() or change.user.get_username()


def clashes(form, version: int, user=None) -> list[Clash]:
    since = changes_since(form.instance, version)
    if not since:
        return []
    in_form = forms_by_row(form)
    found = []
    for key, row in since.items():
        if key not in in_form:
            continue  # added since, or not edited on this screen: this save leaves it alone
        row_form, removing = in_form[key]
        model = row.last.content_type.model_class()
        label = row.last.object_label
        by, at = who(row.last, user), row.last.at
        is_record = row_form is form
        if row.removed:
            if not removing:
                found.append(Clash(label, label, _("removed"), _("still in your form"), by, at))
            continue
        if removing:
            found.append(Clash(label, label, _("changed (%(fields)s)") % {"fields": ", ".join(
                field_label(model, name) for name in row.fields)}, _("removed"), by, at))
            continue
        for name, (started, now) in row.fields.items():
            field = model._meta.get_field(name.removesuffix("_id"))
            present, value = typed(row_form, field)
            if not present or value == now:
                continue
            then, later = row.labels.get(name, ["", ""])
            what = field_label(model, name) if is_record else f"{label}: {field_label(model, name)}"
            yours = str(row_form.cleaned_data[field.name] or EMPTY) if field.is_relation \
                else show(model, name, value)
            found.append(Clash(what, show(model, name, started, then), show(model, name, now, later),
                               yours, by, at))
    return found
