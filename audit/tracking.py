"""Which rows are catalog facts, which of their fields are worth a history, and how a field's
value is written down so it can be compared and put back later."""
import json

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import translation

# Model label -> the field naming the record whose history shows its changes (None: its own).
TRACKED = {
    "catalog.Person": None,
    "catalog.PersonName": "person",
    "catalog.Membership": "group",
    "catalog.Work": None,
    "catalog.WorkTitle": "work",
    "catalog.WorkArtist": "work",
    "catalog.Credit": "work",
    "catalog.WorkLink": "source",
}

# Derived or bookkeeping fields: they change with every save or follow from other fields.
UNTRACKED_FIELDS = {"updated_at", "name_key"}


def tracked_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in TRACKED]


def is_tracked(model) -> bool:
    return model._meta.label in TRACKED


def parent_field(model) -> str | None:
    return TRACKED[model._meta.label]


def record_of(instance) -> tuple[type[models.Model], int]:
    """The record (model and primary key) whose history shows a change to `instance`."""
    parent = parent_field(type(instance))
    if parent is None:
        return type(instance), instance.pk
    field = instance._meta.get_field(parent)
    return field.related_model, getattr(instance, field.attname)


def fields_of(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if not f.primary_key and f.name not in UNTRACKED_FIELDS]


def encode(field: models.Field, value):
    """A value as JSON can hold it; equal values encode equally, so encodings can be compared."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def decode(field: models.Field, value):
    return None if value is None else field.to_python(value)


def snapshot(instance) -> dict:
    return {f.attname: encode(f, f.value_from_object(instance)) for f in fields_of(type(instance))}


def stored_snapshot(model, pk) -> dict | None:
    """The row as the database holds it now, or None if it is not there."""
    fields = fields_of(model)
    row = model._base_manager.filter(pk=pk).values_list(*[f.attname for f in fields]).first()
    if row is None:
        return None
    return {f.attname: encode(f, value) for f, value in zip(fields, row, strict=True)}


def foreign_label(field: models.Field, value) -> str:
    """How a foreign key's target reads, kept with the change because the target may go."""
    if value is None:
        return ""
    target = field.related_model._base_manager.filter(pk=value).first()
    return str(target) if target is not None else f"#{value}"


def label_of(instance) -> str:
    """How the row reads, in the site's default language so that stored labels do not depend on
    who happened to make the change. A row without a name of its own (an artist's place on a
    work) reads as the rows it points at."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            if type(instance).__str__ is not models.Model.__str__:
                return str(instance)[:300]
            parent = parent_field(type(instance))
            return " – ".join(str(getattr(instance, f.name)) for f in fields_of(type(instance))
                              if f.is_relation and f.name != parent and getattr(instance, f.attname))[:300]
        except models.ObjectDoesNotExist:  # a row whose parent is already gone (cascades)
            return f"{instance._meta.verbose_name} #{instance.pk}"
