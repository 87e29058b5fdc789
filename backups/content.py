"""What a backup holds, row by row, and a fingerprint of a database's content to compare two.

Every table Django manages is in a backup, one JSON line per row, except the few in LEFT_OUT.
Rows keep their primary keys: pages, revisions, credits and the links between them point at
each other by number, and keeping the numbers keeps every such link (and every URL with an id
in it) as it was. The two exceptions are content types and permissions: `migrate` creates its own
in the target, numbered in its own order, so those are written and matched by their natural keys
(app and model; codename), and foreign keys to them are written the same way.

The fingerprint of a database is, per table, the number of rows and a hash of their lines that
does not depend on row order (the sum of the lines' SHA-256 values); the content hash combines
them. Content types and permissions are checked to be all present instead (see Fingerprint).
The export computes it from what it writes, the restore from what the target database then
holds, so "same content" means every row of every table serialises to the same line.
"""
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.apps import apps
from django.core.serializers import python
from django.db import connections
from django.db.models import Model

SEARCH_INDEX = "Wagtail's search index is built differently per database; a restore rebuilds it"
# Not in a backup, and why.
LEFT_OUT = {
    "sessions.session": "sign-ins expire; restored ones would sign people in to another copy",
    "django_tasks_database.dbtaskresult": "the task queue and its history, not content",
    "backups.workerheartbeat": "which worker processes are alive at this moment",
    "wagtailadmin.editingsession": "who has an edit screen open at this moment",
    "wagtailsearch.indexentry": SEARCH_INDEX,
    "wagtailsearch.sqliteftsindexentry": SEARCH_INDEX,
}
# Created by `migrate` in every database, so matched by name rather than number; in this order,
# because a permission names its content type.
BY_NATURAL_KEY = ("contenttypes.contenttype", "auth.permission")

HASH_SPACE = 2**256


def label(model: type[Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[Model]]:
    """Every table of the backup: natural-key tables first (rows elsewhere name them), then the
    rest in app order. Many-to-many link tables are tables of their own here."""
    models = [m for m in apps.get_models(include_auto_created=True)
              if m._meta.managed and not m._meta.proxy and label(m) not in LEFT_OUT]
    first = {name: position for position, name in enumerate(BY_NATURAL_KEY)}
    return sorted(models, key=lambda m: first.get(label(m), len(first)))


def flushed_models() -> list[type[Model]]:
    """What a restore empties first: everything except the natural-key tables, which it matches."""
    return [m for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and label(m) not in BY_NATURAL_KEY]


class Encoder(json.JSONEncoder):
    """Full-precision dates and times (Django's own encoder cuts microseconds off)."""

    def default(self, o):
        if isinstance(o, datetime | date | time):
            return o.isoformat()
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def line_of(record: dict) -> str:
    return json.dumps(record, cls=Encoder, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class RowSerializer(python.Serializer):
    """Django's serializer, one row at a time and only the table's own columns: many-to-many
    links are rows of their link table. Foreign keys are numbers, except those to the natural-key
    tables, whose keys are looked up once per export (`natural_keys`), not once per row."""

    def __init__(self, emit: Callable[[dict], None], using: str, natural_keys: dict):
        super().__init__()
        self.emit = emit
        self.using = using
        self.natural_keys = natural_keys

    def handle_fk_field(self, obj, field):
        model = field.remote_field.model
        if label(model) not in BY_NATURAL_KEY:
            super().handle_fk_field(obj, field)
            return
        pk = getattr(obj, field.attname)
        if pk is not None and (model, pk) not in self.natural_keys:
            # These tables hold hundreds of rows: read them whole, once.
            for row in model._base_manager.using(self.using).select_related():
                self.natural_keys[model, row.pk] = list(row.natural_key())
        self._current[field.name] = None if pk is None else self.natural_keys[model, pk]

    def handle_m2m_field(self, obj, field):
        pass

    def end_object(self, obj):
        self.emit(self.get_dump_object(obj))
        self._current = None


def rows(model: type[Model], using: str, natural_keys: dict) -> Iterator[dict]:
    """The table's rows as records ({"model", "pk", "fields"}), in primary-key order.
    `natural_keys` is a cache shared by the tables of one export."""
    out: list[dict] = []
    serializer = RowSerializer(out.append, using, natural_keys)
    queryset = model._base_manager.using(using).order_by("pk")
    natural = label(model) in BY_NATURAL_KEY
    for obj in queryset.iterator(chunk_size=2000):
        serializer.serialize([obj], use_natural_primary_keys=natural)
        yield out.pop()


@dataclass
class Fingerprint:
    """Row counts and hashes per table. Content types and permissions are made by `migrate` from
    the code, so a target may rightly hold more of them than the export: for those, each exported
    row's digest is kept and the check is that all of them are present."""

    counts: dict[str, int] = field(default_factory=dict)
    sums: dict[str, int] = field(default_factory=dict)
    matched: dict[str, set[str]] = field(default_factory=dict)

    def add(self, model_label: str, line: str) -> None:
        self.counts[model_label] = self.counts.get(model_label, 0) + 1
        digest = hashlib.sha256(line.encode()).digest()
        if model_label in BY_NATURAL_KEY:
            self.matched.setdefault(model_label, set()).add(digest.hex()[:32])
            return
        self.sums[model_label] = (self.sums.get(model_label, 0) + int.from_bytes(digest, "big")) % HASH_SPACE

    def table_hashes(self) -> dict[str, str]:
        return {name: f"{total:064x}" for name, total in sorted(self.sums.items())}

    @property
    def content_hash(self) -> str:
        """Of every table but the two `migrate` fills."""
        summary = "\n".join(f"{name} {self.counts[name]} {digest}"
                            for name, digest in self.table_hashes().items())
        return hashlib.sha256(summary.encode()).hexdigest()

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict:
        return {"counts": dict(sorted(self.counts.items())), "tables": self.table_hashes(),
                "matched": {name: sorted(digests) for name, digests in sorted(self.matched.items())},
                "content_hash": self.content_hash}

    def differences(self, expected: dict) -> list[str]:
        """Where this database's rows differ from `expected` (another fingerprint's as_json), in words."""
        out = []
        tables = self.table_hashes()
        for name in sorted(set(expected["tables"]) | set(tables)):
            want, have = expected["counts"].get(name, 0), self.counts.get(name, 0)
            if want != have:
                out.append(f"{name}: {have} rows, the export has {want}")
            elif expected["tables"].get(name) != tables.get(name):
                out.append(f"{name}: same number of rows ({have}), different content")
        for name, digests in sorted(expected["matched"].items()):
            missing = set(digests) - self.matched.get(name, set())
            if missing:
                out.append(f"{name}: {len(missing)} rows of the export are missing")
        return out


def fingerprint(using: str = "default") -> Fingerprint:
    """The fingerprint of what the database holds now (empty tables count as absent)."""
    result = Fingerprint()
    tables = set(connections[using].introspection.table_names())
    natural_keys: dict = {}
    for model in backed_up_models():
        if model._meta.db_table not in tables:
            continue
        for record in rows(model, using, natural_keys):
            result.add(record["model"], line_of(record))
    return result
