"""The API against its own OpenAPI schema, with schemathesis driving the Django app in-process.

Every generated request must get a documented status, a JSON body matching the schema, and
never a server error. (schemathesis' pytest fixture loader does not run under pytest 9, so the
operations are walked by hand, each with its own Hypothesis strategy.)
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db

EXAMPLES = 40
# filters whose value must name something of the referential or of the campaign (api.known): a
# value of the right form that names nothing (service=zz, department=00) is refused with a 400,
# which no schema can foresee, as the valid values are data
NAMING_FILTERS = {"service", "department", "region", "epci", "commune", "domain", "catalogue"}
NAMING_FILTERS |= {"theme", "key", "election", "compare"}  # an election: one with programmes


def positive_data_accepted(ctx, response, case):  # type: ignore[no-untyped-def]
    """schemathesis' positive_data_acceptance, but for the 400 of a filter naming nothing."""
    if response.status_code == 400:
        refused = response.json()["error"].get("parameter")
        if refused in NAMING_FILTERS and "inconnu" in response.json()["error"]["message"]:
            return None
    return positive_data_acceptance(ctx, response, case)


@pytest.fixture
def keep_test_connection():  # type: ignore[no-untyped-def]
    """Keep the test's database connection across WSGI requests, as Django's test client does.

    The WSGI handler closes connections at the end of each request (CONN_MAX_AGE 0), which would
    close the test transaction's connection on PostgreSQL.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_matches_its_schema(after, keep_test_connection, mode):  # type: ignore[no-untyped-def]
    """Valid requests (positive) and requests that break the schema (negative, e.g. a limit of
    -3 or a bracket that does not exist) all get a documented answer, never a 500."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (
            mode is GenerationMode.NEGATIVE
            and not operation.query
            and not operation.path_parameters
        ):
            continue  # nothing to break: /api/v1/themes takes no parameter

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):  # type: ignore[no-untyped-def]
            case.call_and_validate(
                excluded_checks=[positive_data_acceptance],
                additional_checks=[positive_data_accepted],
            )

        check()
        checked.append(operation.label)
    assert len(checked) == (14 if mode is GenerationMode.POSITIVE else 13), checked
