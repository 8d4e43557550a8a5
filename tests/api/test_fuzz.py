"""schemathesis drives every operation of the OpenAPI document: no request gets a 5xx.

The schema is loaded from the running app (Django is set up before collection); the
cases are drawn by Hypothesis inside a test that has a database with a story in it.
"""

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from prensa.api.models import ApiToken
from prensa.staff import roles
from prensa.wsgi import application
from tests.factories import make_story

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Requests go through the real WSGI handler, which closes database connections it
    finds in a transaction it did not open: the test's own (PostgreSQL). Django's test
    client disconnects the same receivers while it makes a request."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def story(db):
    return make_story(languages=("pt", "en"))  # something to find, so ids and filters hit rows


@pytest.fixture(params=["anonymous", "editor"])
def headers(request, db) -> dict:
    """Requests without a token, and with an editor's, who may run every write."""
    if request.param == "anonymous":
        return {}
    user = User.objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    return {"Authorization": f"Bearer {ApiToken.issue(user, 'fuzz')[1]}"}


@pytest.mark.parametrize("operation", [op.ok() for op in schema.get_all_operations()], ids=str)
def test_no_request_to_the_api_gets_a_server_error(story, headers, operation):
    @given(case=operation.as_strategy())
    @settings(
        # Imports parse whole files (language detection, XML): fewer examples keep it quick.
        max_examples=12 if "imports" in operation.path else 40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])
        if response.status_code >= 400:
            content_type = {k.lower(): v for k, v in response.headers.items()}["content-type"]
            assert content_type[0] == "application/problem+json", response.text

    run()
