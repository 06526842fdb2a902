"""A small observatory: two campaigns, three communes, automatic proposals with archived
evidence (one hostile page), users of each role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.db import connections
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell
from barometre.assessments.services import AutoValue, assessments_record_auto
from barometre.collection.models import EvidenceRecord
from barometre.collection.warc import HttpExchange, WarcArchive
from barometre.referential.models import Campaign
from tests.caches import forget_computed
from tests.factories import CampaignFactory, CommuneFactory, set_cells

PASSWORD = "mot-de-passe-de-test"
HOSTILE_PAGE = (
    b"<html><body><h1>Etat civil</h1><p>Demande en ligne</p>"
    b"<script>document.title='SCRIPT-RAN';window.parent.postMessage('ran','*')</script>"
    b"<img src=x onerror=\"document.title='ONERROR-RAN'\"></body></html>"
)


@dataclass
class Site:
    before: Campaign
    after: Campaign
    record: EvidenceRecord
    auto_cell: Cell


def archive_record(
    tmp: Path,
    campaign: Campaign,
    commune: str,
    *,
    url: str = "http://127.0.0.1:9/etat-civil",
    content_type: str = "text/html; charset=utf-8",
    body: bytes = HOSTILE_PAGE,
) -> EvidenceRecord:
    """One response archived in a WARC of `tmp` and its evidence record."""
    archive = WarcArchive(tmp, campaign.name, max_bytes=10_000_000, software="test")
    location = archive.write(
        HttpExchange(
            url=url,
            method="GET",
            request_headers=(("Host", "127.0.0.1"),),
            status=200,
            response_headers=(("Content-Type", content_type),),
            body=body,
            fetched_at=datetime(2026, 3, 1, tzinfo=UTC),
            site=commune,
        )
    )
    archive.close()
    return EvidenceRecord.objects.create(
        campaign=campaign,
        commune_id=commune,
        url=url,
        status=200,
        content_type=content_type,
        warc_file=location.warc_file,
        offset=location.offset,
        length=location.length,
        digest=location.digest,
    )


@pytest.fixture(autouse=True)
def _no_login_failures_from_other_tests() -> None:
    """The login throttle counts failures in the cache, which outlives a test: without this, the
    failures of one test (by user name and by the test client's address) refused the next
    test's logins as too many attempts, depending on the order the tests ran in."""
    cache.clear()
    caches["scores"].clear()
    caches["logins"].clear()


def commands_plain(page: str) -> str:
    """`page` with the words of each command shown to type (`command` filter: one span a word,
    drawn whole) as plain text: « <code>barometre evidence show --record 3</code> »."""
    return re.sub(r'<span class="command-word">([^<]*)</span>', r"\1", page)


@pytest.fixture
def site(db, tmp_path, settings) -> Site:
    settings.WARC_ROOT = tmp_path
    forget_computed()
    nantes = CommuneFactory(code="44109", name="Nantes", population=320_000)
    rennes = CommuneFactory(code="35238", name="Rennes", population=225_000)
    brest = CommuneFactory(code="29019", name="Brest", population=140_000)
    communes = [nantes, rennes, brest]
    before = CampaignFactory(name="avant", communes=communes)
    after = CampaignFactory(name="apres", communes=communes)
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Campaign.objects.filter(pk=before.pk).update(
        created_at=long_ago, measured_on=timezone.localdate(long_ago)
    )
    slugs = list(after.catalogue.services.order_by("position").values_list("slug", flat=True))
    set_cells(before, {(c.code, s): 1 for c in communes for s in slugs[:6]})
    set_cells(after, {(c.code, s): 2 for c in communes[1:] for s in slugs[:6]})
    record = archive_record(tmp_path, after, "44109")
    values = [
        AutoValue(
            commune="44109",
            service=slugs[0],
            level=3,
            evidence_url="http://127.0.0.1:9/etat-civil",
            confidence=0.41,
            rationale=[
                {
                    "kind": "formulaire",
                    "detail": "un formulaire",
                    "url": "javascript:alert(1)",
                    "level": 3,
                    "quote": "Remplissez le <b>formulaire</b> en ligne.",
                }
            ],
            evidence_record_id=record.pk,
        ),
        AutoValue(commune="44109", service=slugs[1], level=0, confidence=0.8),
    ]
    assessments_record_auto(campaign=after, values=values, now=timezone.now())
    auto_cell = Cell.objects.get(campaign=after, commune_id="44109", service__slug=slugs[0])
    return Site(before=before, after=after, record=record, auto_cell=auto_cell)


@pytest.fixture
def users(db) -> dict[str, User]:
    return {
        role: user_create(username=f"{role}-test", role=role, password=PASSWORD)
        for role in ("auditeur", "coordinateur", "administrateur")
    }


@pytest.fixture
def browser(monkeypatch):
    """Debian's chromium, headless, for the browser tests (tests/web/browser.py)."""
    from tests.web.browser import CHROMIUM, FLAGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # ORM beside Playwright's loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        # While Playwright's loop runs, Django keeps its connections apart from the test's
        # own (asgiref sees an event loop): a query made in the test's body opened one that
        # nobody closed, and PostgreSQL then refused to drop the test database at the end.
        connections.close_all()
        browser.close()


def absent_cell(site, position: int = 1) -> Cell:
    """A cell proposed 0 ("searched, not found"), with the archived page searched from."""
    service = site.after.catalogue.services.get(position=position)
    value = AutoValue(
        commune="44109",
        service=service.slug,
        level=0,
        evidence_url=site.record.url,
        confidence=0.5,
        evidence_record_id=site.record.pk,
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    return Cell.objects.select_related("assessment").get(
        campaign=site.after, commune_id="44109", service=service
    )
