"""The JSON API at /api/v1/: each app brings its own router; this module only assembles them.

Reads are open to everyone; writes need a token (see api.auth). Every error, including a
validation error or a missing object, is JSON with a `detail` a person can read.
"""
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

PROBLEM = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "errors": {"type": "array", "items": {"type": "object"}}},
    "required": ["detail"],
}


class DeepCutsAPI(NinjaAPI):
    """Documents the errors every operation can give, so each operation need not repeat them."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["components"].setdefault("schemas", {})["Problem"] = PROBLEM
        problem = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                responses = operation["responses"]
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault("422", {"description": "Parameters not valid", **problem})
                if operation.get("requestBody"):
                    responses.setdefault("400", {"description": "Body is not JSON", **problem})
                if "{" in path:
                    responses.setdefault("404", {"description": "Not found", **problem})
                if operation.get("security"):
                    responses.setdefault("401", {"description": "Token missing or wrong", **problem})
                    responses.setdefault("403", {"description": "Not allowed", **problem})
        return schema


api = DeepCutsAPI(
    title="Deep Cuts API",
    version="1",
    description="Music videos, the people who make them, articles about them, search and the "
                "release calendar. Reads are open; writes need `Authorization: Bearer <token>`.",
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    return api.create_response(
        request, {"detail": "Some parameters are not valid.", "errors": exc.errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    """Ninja's own answer, except for a body it cannot parse, which it words for programmers."""
    detail = str(exc)
    if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
        detail = ("The request body is not valid JSON: send one JSON object, with "
                  "`Content-Type: application/json`, as in the API docs.")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Nothing was found at this address."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    detail = str(exc) or "Your account is not allowed to do this."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return api.create_response(
        request, {"detail": "This needs an API token: send `Authorization: Bearer <token>`."},
        status=401)


@api.exception_handler(RequestDataTooBig)
def too_large(request, exc):
    return api.create_response(
        request, {"detail": "The request is larger than the 2.5 MB we accept: send less."}, status=413)


def mount_routers():
    from catalog.api import router as catalog_router
    from editorial.api import router as articles_router
    from related.api import router as related_router
    from releases.api import router as calendar_router
    from search.api import router as search_router
    from submissions.api import router as submissions_router

    api.add_router("/", catalog_router)
    api.add_router("/", articles_router)
    api.add_router("/", search_router)
    api.add_router("/", related_router)
    api.add_router("/", calendar_router)
    api.add_router("/", submissions_router)


mount_routers()
