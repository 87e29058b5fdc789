"""Reads from PostgreSQL replicas, writes (and a writer's next reads) on the primary.

A replica applies the primary's changes a little later, so a reader who has just written must
not be sent to one: they would not see their own change. Three rules keep that from happening:

- Only reads made while serving a safe request (GET/HEAD) go to a replica. Workers, management
  commands and migrations have no request and stay on the primary.
- Once a request writes, its later reads go to the primary too.
- A request that writes sets a short-lived cookie (PIN_SECONDS); while it lasts, that browser's
  or script's reads go to the primary, covering the redirect-and-reload after a form.

Replicas are listed in DATABASE_REPLICA_URLS (comma-separated); without it everything uses the
primary and this router changes nothing.
"""
import random
from contextvars import ContextVar

PIN_COOKIE = "dc_primary"
PIN_SECONDS = 10  # several times the replication lag seen on a healthy network

_reads_may_use_replica: ContextVar[bool] = ContextVar("reads_may_use_replica", default=False)


def replica_aliases():
    from django.conf import settings

    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if replicas and _reads_may_use_replica.get():
            return random.choice(replicas)
        return "default"

    def db_for_write(self, model, **hints):
        _reads_may_use_replica.set(False)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Decides per request whether its reads may go to a replica, and pins writers to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in ("GET", "HEAD", "OPTIONS")
        token = _reads_may_use_replica.set(safe and PIN_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _reads_may_use_replica.reset(token)
        if not safe:
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True, samesite="Lax",
                                secure=request.is_secure())
        return response
