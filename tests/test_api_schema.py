"""Schemathesis generates requests from our OpenAPI schema: none may make the server fail.

Every operation is tried with generated paths, query strings and bodies (writes without a token
too); responses must not be 5xx and must match the schema's declared status codes and shapes.
"""
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from deepcuts.wsgi import application

try:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
except Exception as error:  # noqa: BLE001 - reported by the test below, not as a collection error
    schema, schema_error = None, error


@pytest.fixture(autouse=True)
def keep_the_test_connection_open():
    """Calls go straight to the WSGI app, which would close the test's database connection after
    each request; Django's own test client detaches the same signal for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


if schema is None:
    def test_the_api_schema_loads():
        """A schema that fails to load would otherwise be a collection error that hides every
        generated test from the count; this names the failure instead."""
        pytest.fail(f"/api/v1/openapi.json did not load: {schema_error!r}")
else:
    @pytest.mark.django_db
    @schema.parametrize()
    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                     HealthCheck.function_scoped_fixture])
    def test_api_never_fails_and_answers_as_documented(case):
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error, status_code_conformance,
                                                 content_type_conformance,
                                                 response_schema_conformance])

    @pytest.mark.django_db
    @schema.include(method=["POST", "PATCH", "PUT", "DELETE"]).parametrize()
    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                     HealthCheck.function_scoped_fixture])
    def test_writes_with_an_editors_token_never_fail_and_answer_as_documented(case):
        """The same, past the token check: generated bodies reach validation and the database
        as an editor's script would send them (an editor may make every write)."""
        from django.contrib.auth.models import Group, User
        from wagtail.models import APIToken

        from roles.definitions import EDITORS

        editor, created = User.objects.get_or_create(username="schema-editor")
        if created:
            editor.groups.add(Group.objects.get(name=EDITORS))
        _, plain = APIToken.create_token(user=editor, name="schemathesis")
        # Schemathesis fills the bearer scheme's header itself (with made-up tokens): ours wins.
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {plain}"}
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error, status_code_conformance,
                                                 content_type_conformance,
                                                 response_schema_conformance])
        assert response.status_code not in (401, 403), (case.method, case.path, response.text)
