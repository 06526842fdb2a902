"""A blind answer sent while the coder's codings are being moved is never lost nor given to
another auditor's name (PostgreSQL: SQLite writes one transaction at a time)."""

from __future__ import annotations

import threading
import time

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.reassign import codings_reassign
from barometre.assessments.services.review import Decision, coding_answer
from tests.factories import set_cells

PASSWORD = "mot-de-passe-de-test"


def test_an_answer_sent_during_a_reassignment_stays_its_coder_s(transactional_db, campaign) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: the race needs PostgreSQL")
    ana, bea, carl = (
        user_create(username=n, role="auditeur", password=PASSWORD) for n in ("ana", "bea", "carl")
    )
    slug = campaign.catalogue.services.order_by("position").values_list("slug", flat=True)[0]
    set_cells(campaign, {("75056", slug): 1})
    cell = Cell.objects.get(campaign=campaign)
    mine = CodingAssignment.objects.create(cell=cell, auditor=ana)
    CodingAssignment.objects.create(cell=cell, auditor=bea)
    answered, release = threading.Event(), threading.Event()
    outcomes: dict[str, object] = {}

    def answer() -> None:
        try:
            with transaction.atomic():
                coding_answer(
                    assignment=mine,
                    user=ana,
                    decision=Decision(level=0, not_applicable=False, justification="rien"),
                    now=timezone.now(),
                )
                answered.set()  # ...not committed yet
                release.wait(10)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            outcomes["answer"] = error
        finally:
            connection.close()

    def reassign() -> None:
        try:
            outcomes["moved"] = len(codings_reassign(from_user=ana).moved)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            outcomes["moved"] = error
        finally:
            connection.close()

    first = threading.Thread(target=answer)
    first.start()
    assert answered.wait(10)
    second = threading.Thread(target=reassign)
    second.start()  # ...when the coordinator moves Ana's codings
    time.sleep(0.5)
    release.set()
    first.join(10)
    second.join(10)
    assert "answer" not in outcomes, outcomes
    assert outcomes["moved"] == 0
    kept = CodingAssignment.objects.get(pk=mine.pk)
    assert kept.auditor_id == ana.pk and kept.coded_at is not None
    assert not User.objects.get(username="carl").codings.exists()
