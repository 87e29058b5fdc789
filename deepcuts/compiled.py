"""Queries whose SQL is compiled once per process and reused with each request's values.

Turning a QuerySet into SQL is Django's work, not the database's, and for the few queries every
page makes it costs more than running them: routing an article took 0.73 ms to compile and
0.65 ms to run. Their shape never changes, only their values (a slug, an id), so a
`CompiledQuery` builds the QuerySet twice with two sets of stand-in values, compiles both, and
keeps the SQL only if the two differ in nothing but the stand-ins' places among the parameters.
Each call then fills those places with its own values and hands the SQL and Django's compiled
column list to Django's own iterables, which build the objects or tuples exactly as usual.

What may vary is declared: `values` are parameters that must reach the SQL verbatim (a value
the ORM rewrites, such as a LIKE pattern, is refused when the plan is made); `shape` are
arguments the SQL's text depends on, and each of them gets a plan of its own. A value of another
type than declared (None, a bool for an int) takes the ordinary path, so the answer never
depends on the shortcut. The builder must depend on nothing but its arguments (not the time,
the language or the user): a plan that would change between two builds is refused, but a
dependency that happens to agree twice is not caught.
"""
import threading

from django.core.exceptions import EmptyResultSet
from django.db import router
from django.db.models import QuerySet

# Two stand-ins per value, the second unlike the first in length, so SQL that depends on a
# value's length (a slice, a LIMIT) differs between the two builds. Numbers stay small and
# positive: Django turns a look-up with a number out of a column's range into SQL without it.
_STAND_INS = {
    # With LIKE's special characters, so a value the ORM escapes (iexact on SQLite) is caught.
    str: lambda name, index: ("\x1fcompiled-a%_\\:" + name, "\x1fcompiled, second stand-in%_\\:" + name),
    int: lambda name, index: (30001 + index, 11 + index),
}
# Plans kept per query: more shapes than this means some no longer occur.
MAX_PLANS = 64
# Numbers beyond this take the ordinary path, where Django decides what such a look-up means.
_INT_RANGE = range(-2 ** 31, 2 ** 31)


class NotCompilable(Exception):
    """The builder's SQL does not carry its values verbatim, or changes between builds."""


class _Plan:
    __slots__ = ("query", "sql", "slots", "constants", "select", "klass_info",
                 "annotation_col_map", "col_count", "has_extra_select", "iterable_class",
                 "fields", "model", "db")


class _PlannedQuery:
    """A Query as Django's iterables see it, whose compiler is already compiled."""

    def __init__(self, query, compiler):
        self._query = query
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class CompiledQuery:
    """`build(**values, **shape)` -> QuerySet, compiled once per database and shape.

    Calling it returns the query's results as a list, as `list(build(...))` would."""

    def __init__(self, build, *, values: dict[str, type], shape: tuple[str, ...] = ()):
        unsupported = {name: kind for name, kind in values.items() if kind not in _STAND_INS}
        if unsupported:
            raise TypeError(f"Only {', '.join(t.__name__ for t in _STAND_INS)} values can be "
                            f"compiled ahead: {unsupported}")
        self.build = build
        self.values = dict(values)
        self.shape = tuple(shape)
        self._plans = {}
        self._model = None  # known once the first plan is made
        self._lock = threading.Lock()

    def __call__(self, **arguments) -> list:
        if not all(type(value := arguments.get(name)) is kind and (kind is not int or value in _INT_RANGE)
                   for name, kind in self.values.items()):
            return list(self.build(**arguments))
        key = tuple(arguments[name] for name in self.shape)
        # The database is the router's choice for this read, as a QuerySet's would be.
        db = router.db_for_read(self._model) if self._model is not None else None
        plan = self._plans.get((db, key)) or self._plan(db, key, arguments)
        if plan is None:  # SQL that matches nothing for these values: Django answers without a query
            return list(self.build(**arguments))
        return list(self._queryset(plan, db or plan.db, arguments))

    def _queryset(self, plan: _Plan, db: str, arguments: dict) -> QuerySet:
        params = list(plan.constants)
        for position, name in plan.slots:
            params[position] = arguments[name]
        compiler = plan.query.get_compiler(using=db)
        compiler.select, compiler.klass_info = plan.select, plan.klass_info
        compiler.annotation_col_map, compiler.col_count = plan.annotation_col_map, plan.col_count
        compiler.has_extra_select = plan.has_extra_select
        sql = plan.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        queryset = QuerySet(model=plan.model, query=_PlannedQuery(plan.query, compiler), using=db)
        queryset._iterable_class, queryset._fields = plan.iterable_class, plan.fields
        return queryset

    def _plan(self, db: str | None, key: tuple, arguments: dict) -> _Plan | None:
        with self._lock:
            if (db, key) in self._plans:
                return self._plans[(db, key)]
            shape = {name: arguments[name] for name in self.shape}
            pairs = {name: _STAND_INS[kind](name, index)
                     for index, (name, kind) in enumerate(self.values.items())}
            first, second = ({name: pair[i] for name, pair in pairs.items()} for i in (0, 1))
            built = self.build(**first, **shape)
            if built._db is not None:
                raise NotCompilable(f"{self.build.__qualname__}: the database is the router's choice "
                                    "for each call; drop the builder's using().")
            if db is None:
                db = built.db
            compilers = [built.query.get_compiler(using=db),
                         self.build(**second, **shape).query.get_compiler(using=db)]
            try:
                (sql, params), (other_sql, other_params) = (c.as_sql() for c in compilers)
            except EmptyResultSet:  # an empty IN (): nothing to compile, nothing to keep
                return None
            if sql != other_sql or len(params) != len(other_params):
                raise NotCompilable(f"{self.build.__qualname__}: the SQL changes with the values "
                                    f"{sorted(self.values)}; declare what changes it as shape.")
            slots, found = [], set()
            for position, (a, b) in enumerate(zip(params, other_params, strict=True)):
                if a == b:
                    continue
                name = next((name for name in self.values
                             if first[name] == a and second[name] == b), None)
                if name is None:
                    raise NotCompilable(
                        f"{self.build.__qualname__}: parameter {position} changes between builds "
                        f"({a!r}, {b!r}) but is none of the values {sorted(self.values)} as given: "
                        "a value the ORM rewrites (a LIKE pattern), or something the builder reads "
                        "besides its arguments (the clock)?")
                slots.append((position, name))
                found.add(name)
            missing = set(self.values) - found
            if missing:
                raise NotCompilable(f"{self.build.__qualname__}: {sorted(missing)} do not reach the "
                                    "SQL's parameters: declare them as shape, or drop them.")
            compiler = compilers[0]
            plan = _Plan()
            plan.query, plan.sql, plan.slots, plan.constants = built.query, sql, tuple(slots), tuple(params)
            plan.select, plan.klass_info = compiler.select, compiler.klass_info
            plan.annotation_col_map, plan.col_count = compiler.annotation_col_map, compiler.col_count
            plan.has_extra_select = compiler.has_extra_select
            plan.iterable_class, plan.fields, plan.model = built._iterable_class, built._fields, built.model
            plan.db = db
            if built._prefetch_related_lookups or built._known_related_objects:
                raise NotCompilable(f"{self.build.__qualname__}: prefetches run their own queries; "
                                    "compile those separately.")
            if len(self._plans) >= MAX_PLANS:  # shapes that stopped occurring (old restrictions)
                self._plans.clear()
            self._plans[(db, key)] = plan
            self._model = built.model
            return plan
