"""The API against its own OpenAPI schema, with schemathesis driving the Django app in-process.

Every generated request must get a documented status, a JSON body matching the schema, and
never a server error. (schemathesis' pytest fixture loader does not run under pytest 9, so the
operations are walked by hand, each with its own Hypothesis strategy.)
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db

EXAMPLES = 40


def test_api_matches_its_schema(after):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):  # type: ignore[no-untyped-def]
            case.call_and_validate()

        check()
        checked.append(operation.label)
    assert len(checked) == 11, checked
