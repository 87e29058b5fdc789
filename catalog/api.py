"""The /api/v1/ endpoints for this app (mounted in api/urls.py)."""
from ninja import Router

router = Router(tags=["catalog"])
