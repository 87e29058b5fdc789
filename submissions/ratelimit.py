"""A per-address rate limit kept in the database, so it holds across gunicorn workers and servers.

A request is counted by inserting a row first and counting second, each in its own autocommit
statement: two requests racing for the last slot both see the other's row and both are refused,
rather than both slipping through. A refused request removes its own row, so a person who waits
as asked gets in.

Addresses are stored only as a keyed hash. IPv6 addresses are counted per /64, because one
household or phone usually holds a whole /64 and could otherwise step through it.
"""
import ipaddress
import math
import os
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateLimitHit

# Raised only by the load test (bench/load.py), which sends every tip from one address.
SUBMISSIONS_PER_WINDOW = int(os.environ.get("DEEPCUTS_SUBMISSIONS_PER_WINDOW", "5"))
WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # seconds until the oldest counted request leaves the window

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def client_address(request) -> str:
    """The sender's address. Behind N reverse proxies (settings.DEEPCUTS_PROXY_COUNT), it is the
    Nth address from the right of X-Forwarded-For; the left part can be forged by the client."""
    proxies = int(getattr(settings, "DEEPCUTS_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def address_key(address: str) -> str:
    """A stable, non-reversible key for an address (its /64 for IPv6)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        network = address[:100]
    else:
        mapped = getattr(ip, "ipv4_mapped", None)  # ::ffff:192.0.2.1 is 192.0.2.1
        if mapped is not None:
            network = str(mapped)
        elif ip.version == 6:
            network = str(ipaddress.ip_network(f"{ip}/64", strict=False))
        else:
            network = str(ip)
    return salted_hmac("submissions.address", network).hexdigest()[:32]


def hit(key: str, limit: int = SUBMISSIONS_PER_WINDOW, window: timedelta = WINDOW) -> Decision:
    """Count one request under `key`; refuse it when more than `limit` fall within `window`."""
    now = timezone.now()
    start = now - window
    RateLimitHit.objects.filter(created_at__lt=start).delete()
    mine = RateLimitHit.objects.create(key=key, created_at=now)
    recent = RateLimitHit.objects.filter(key=key, created_at__gte=start)
    if recent.count() <= limit:
        return Decision(allowed=True)
    mine.delete()
    oldest = recent.order_by("created_at").values_list("created_at", flat=True).first() or now
    return Decision(allowed=False, retry_after=max(1, math.ceil((oldest + window - now).total_seconds())))
