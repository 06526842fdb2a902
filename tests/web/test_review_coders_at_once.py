"""Two blind coders answering the same cell at the same moment: the second answer is taken once
the first is written, so agreeing answers become the cell's value as they do one after the
other. Without it, on PostgreSQL each answer was checked against the cell before the other
was committed, neither settled the cell, and it waited for an arbitration it did not need."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from barometre.assessments.models import Cell, Source
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import BLIND_AUTHOR, Decision, coding_answer


def test_agreeing_answers_sent_at_once_settle_the_cell(transactional_db, site, users) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: the race needs PostgreSQL")
    created = codings_assign(
        cells=[site.auto_cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    first_written, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def answer(index: int) -> None:
        assignment = created[index]
        try:
            with transaction.atomic():
                coding_answer(
                    assignment=assignment,
                    user=assignment.auditor,
                    decision=Decision(level=3, not_applicable=False, justification=""),
                    now=timezone.now(),
                )
                if index == 0:  # the first coder's transaction is still open...
                    first_written.set()
                    release.wait(10)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=answer, args=(0,))
    first.start()
    assert first_written.wait(10)
    second = threading.Thread(target=answer, args=(1,))
    second.start()  # ...when the second coder sends the same level
    time.sleep(0.5)
    release.set()
    first.join(10)
    second.join(10)
    assert not errors
    cell = Cell.objects.select_related("assessment").get(pk=site.auto_cell.pk)
    assert cell.source == Source.HUMAN and cell.assessment.author == BLIND_AUTHOR


def test_two_draws_at_once_refuse_the_second_in_french(transactional_db, site, users) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: the race needs PostgreSQL")
    from barometre.assessments.models import CodingAssignment
    from barometre.core.errors import BarometreError

    cells = Cell.objects.filter(campaign=site.after)
    auditors = [users["auditeur"], users["coordinateur"]]
    first_drawn, release = threading.Event(), threading.Event()
    outcomes: dict[int, object] = {}

    def draw(index: int) -> None:
        try:
            with transaction.atomic():
                outcomes[index] = len(
                    codings_assign(
                        cells=cells, auditors=auditors, size=3, seed=5, now=timezone.now()
                    )
                )
                if index == 0:  # the first draw is not committed yet...
                    first_drawn.set()
                    release.wait(10)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            outcomes[index] = error
        finally:
            connection.close()

    first = threading.Thread(target=draw, args=(0,))
    first.start()
    assert first_drawn.wait(10)
    second = threading.Thread(target=draw, args=(1,))
    second.start()  # ...when a second coordinator draws the same cells
    time.sleep(0.5)
    release.set()
    first.join(10)
    second.join(10)
    assert outcomes[0] == 6
    assert isinstance(outcomes[1], BarometreError), outcomes[1]
    assert "Un autre tirage" in str(outcomes[1])
    assert CodingAssignment.objects.count() == 6
