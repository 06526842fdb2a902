"""The audit's messages stay short with thousands of communes, and the commands they suggest
can be pasted in a shell whatever the campaign's name."""

from __future__ import annotations

import shlex

import pytest

from barometre.collection.audit_text import (
    failure_reasons,
    render_all_failed_before,
    render_nothing_to_do,
    render_status,
)
from barometre.collection.services import AuditSummary
from barometre.collection.services.distributed import CampaignStatus
from barometre.collection.stored_reasons import reason_shown

FAILURES = [
    (f"{90000 + i}", "connexion refusée" if i % 2 else "délai dépassé") for i in range(3000)
]


def _summary(**counts: int) -> AuditSummary:
    zero = dict.fromkeys(
        ("sites_done", "sites_failed", "sites_no_website", "sites_unfinished", "pages"), 0
    )
    return AuditSummary(
        campaign="2026",
        **(zero | counts),
        errors=0,
        assessments=0,
        elapsed=1.0,
        close_reason="finished",
        detection_ms_per_page=0.0,
    )  # type: ignore[arg-type]


def test_nothing_to_do_groups_thousands_of_failed_communes_by_reason() -> None:
    """One line per failed commune (up to 20, then « … et 2 980 autres ») became one line
    per reason, with its count and first codes, as the run's own summary prints them."""
    text = render_nothing_to_do(_summary(sites_total=4000, sites_skipped=4000), FAILURES)
    lines = text.splitlines()
    assert "(dont 3\u00a0000 en échec\u00a0: --retry-failed" in lines[0]
    assert lines[1:] == [
        "Sites en échec\u00a0:",
        "  connexion refusée\u00a0: 1\u00a0500 sites (90001, 90003, 90005, 90007, 90009, 90011, "
        "90013, 90015, 90017, 90019 … et 1\u00a0490 autres)",
        "  délai dépassé\u00a0: 1\u00a0500 sites (90000, 90002, 90004, 90006, 90008, 90010, "
        "90012, 90014, 90016, 90018 … et 1\u00a0490 autres)",
    ]


def test_all_failed_before_groups_the_communes_by_reason() -> None:
    text = render_all_failed_before(_summary(sites_total=3000, sites_skipped=3000), FAILURES)
    assert len(text.splitlines()) == 4
    assert "\n  délai dépassé\u00a0: 1\u00a0500 sites (90000, 90002," in text


def test_each_reason_lists_its_communes_in_order_whatever_order_they_failed_in() -> None:
    """The codes came in the order the sites failed, which the database does not keep (on
    PostgreSQL an audit's two failures came back as « 99102, 99101 »)."""
    failures = [("99102", "refus"), ("01004", "refus"), ("99101", "refus"), ("75056", "délai")]
    assert failure_reasons(failures) == [
        "  refus\u00a0: 3 sites (01004, 99101, 99102)",
        "  délai\u00a0: 1 site (75056)",
    ]


def test_failures_that_name_their_own_host_are_grouped_by_kind() -> None:
    """A national audit's dead domains each gave their host in the reason: grouped by exact
    words they made one line per site, and twenty lines hid the rest."""
    moved = (
        "redirection non suivie (HTTP 302 vers «\u00a0ftp://{}/\u00a0»\u00a0: http et https "
        "seulement)"
    )
    failures = [(f"{10000 + i}", moved.format(f"www.commune{i}.test")) for i in range(30)]
    failures += [("75056", "HTTP 500"), ("69123", "HTTP 500")]
    failures += [
        ("13055", "URL de départ invalide\u00a0: https://a.test:99999/ (Port out of range)"),
        ("33063", "URL de départ invalide\u00a0: https://b.test:99999/ (Port out of range)"),
    ]
    lines = failure_reasons(failures)
    assert len(lines) == 3
    assert lines[0] == (
        "  redirection non suivie\u00a0: 30 sites (10000, 10001, 10002, 10003, "
        "10004, 10005, 10006, 10007, 10008, 10009 … et 20 autres)\u00a0; 30 motifs détaillés "
        "différents, dont «\u00a0" + moved.format("www.commune0.test") + "\u00a0»"
    )
    assert lines[1].startswith("  HTTP 500\u00a0: 2 sites (69123, 75056)")
    assert lines[1].endswith(")")  # one reason: said in full, no « motifs détaillés »
    assert lines[2].startswith("  URL de départ invalide\u00a0: …\u00a0: 2 sites (13055, 33063)")
    assert "Port out of range" not in lines[2] and "port hors limites" in lines[2]
    # the English an older version stored after the label is left out: one reason, said whole
    dns = "nom de domaine introuvable ou refusé (DNS lookup failed: no results for {})"
    older = [(f"{10000 + i}", dns.format(f"www.commune{i}.test")) for i in range(30)]
    assert failure_reasons(older) == [
        "  nom de domaine introuvable ou refusé\u00a0: 30 sites (10000, 10001, 10002, 10003, "
        "10004, 10005, 10006, 10007, 10008, 10009 … et 20 autres)"
    ]


def test_the_fallback_launch_command_quotes_the_campaign_as_launch_command_does() -> None:
    status = CampaignStatus(
        campaign="essai 2026",
        done=0,
        failed=0,
        no_website=0,
        queued=0,
        running={},
        orphaned={},
        failures=(),
        lost=("90001",),
    )
    text = render_status(status)
    launch = "barometre audit --campaign 'essai 2026' --distributed"
    assert f"«\u00a0{launch}\u00a0»" in text
    assert shlex.split(launch)[3] == "essai 2026"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (
            "délai dépassé (Getting http://x.test/ took longer than 2.50 seconds.)",
            "délai dépassé (plus de 2,5\u00a0s)",
        ),
        (
            "connexion fermée sans réponse ([<twisted.python.failure.Failure OpenSSL.SSL.Error: "
            "[('SSL routines', '', 'unsafe legacy renegotiation disabled')]>])",
            "connexion fermée sans réponse (échec de la négociation TLS)",
        ),
        (
            "URL de départ invalide : https://a.test:x/ (Port could not be cast to integer value "
            "as 'x')",
            "URL de départ invalide : https://a.test:x/ (port non numérique\u00a0: x)",
        ),
        ("Forbidden by robots.txt", "interdit par robots.txt"),
        # as the crawler says them now: unchanged
        ("délai dépassé (plus de 30\u00a0s)", "délai dépassé (plus de 30\u00a0s)"),
        (
            "robots.txt injoignable (connexion refusée)",
            "robots.txt injoignable (connexion refusée)",
        ),
        ("erreur inattendue (KeyError)", "erreur inattendue (KeyError)"),
        ("HTTP 404", "HTTP 404"),
        ("something else in English", "something else in English"),  # no pattern: as stored
    ],
)
def test_a_stored_reason_is_shown_as_the_crawler_says_it_now(stored: str, shown: str) -> None:
    assert reason_shown(stored) == shown
