"""Who may write through the API: a bearer token belonging to an active user.

Tokens are Wagtail's own (`wagtail.models.APIToken`: created in the admin under a user's account,
or with `manage.py api_tokens create --user NAME --name WHAT`; only a digest is stored). What the
token's user may then do is decided by their ordinary Django permissions, the same ones the admin
checks, so a token never grants more than its owner has.
"""
from django.core.exceptions import PermissionDenied
from wagtail.api.v3.auth import BearerTokenAuth

token_auth = BearerTokenAuth()


def require_perm(request, *perms: str) -> None:
    """Refuse with 403 unless the token's user holds every one of `perms`."""
    if not request.user.has_perms(perms):
        raise PermissionDenied("Your account is not allowed to make this change; ask an "
                               "administrator for: " + ", ".join(perms) + ".")
