"""`barometre audit`'s summary names its errors by kind: it counted « erreurs : 5 » and said
nothing of what they were (broken links? a server down? timeouts?)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.collection.audit_text import error_reasons
from barometre.collection.failure_kinds import ErrorKind, error_count, errors_by_kind
from barometre.referential.models import Website
from tests.collection.site_server import Route, SiteServer
from tests.collection.test_faults import page
from tests.factories import CampaignFactory, CommuneFactory


@pytest.mark.django_db
def test_the_audit_summary_names_its_errors_by_kind(server: SiteServer, warc_root: Path) -> None:
    communes = [CommuneFactory(code=code) for code in ("00001", "00002")]
    for code, host in (("00001", "www.a.test"), ("00002", "www.b.test")):
        Website.objects.create(
            commune_id=code,
            url=f"https://{host}/",
            host=host,
            confidence="high",
            source="user",
            is_primary=True,
        )
        # two broken links each (the test server answers 404 to any other path), and a page
        # that is a server error on the first site only
        server.add(host, "/", page("/absent-1", "/absent-2", "/panne"))
        server.add(host, "/panne", Route(b"panne", status=500 if code == "00001" else 200))
    CampaignFactory(name="erreurs", communes=communes)
    out = StringIO()
    call_command(
        "audit",
        "--campaign",
        "erreurs",
        "--farm",
        server.address,
        "--allow-private-addresses",
        stdout=out,
    )
    text = out.getvalue()
    assert "erreurs\u00a0: 5," in text
    assert (
        "Erreurs par motif (pages non obtenues)\u00a0:\n"
        "  HTTP 404\u00a0: 4 erreurs sur 2 sites\n"
        "  HTTP 500\u00a0: 1 erreur sur 1 site\n"
    ) in text


def test_errors_of_one_kind_with_different_details_count_together() -> None:
    """A national audit's reasons name each host (« … (DNS lookup failed: www.x.fr) »): counted
    by their exact words, each would be a kind of its own."""
    tally: dict[str, dict[str, int]] = {}
    error_count(tally, "03001", "délai dépassé (took longer than 5.0 seconds)")
    error_count(tally, "03001", "délai dépassé (took longer than 5.0 seconds)")
    error_count(tally, "03002", "délai dépassé (Getting https://www.x.fr/ took longer)")
    error_count(tally, "03003", "")
    # a detail holding brackets of its own (a redirect to « javascript:alert(1) »)
    error_count(tally, "03004", "adresse invalide (schéma refusé\u00a0: javascript:alert(1))")
    error_count(tally, "03005", "adresse invalide (schéma refusé\u00a0: javascript:void(0))")
    kinds = errors_by_kind(tally)
    assert kinds == [
        ErrorKind(words="délai dépassé", errors=3, sites=2),
        ErrorKind(words="adresse invalide", errors=2, sites=2),
        ErrorKind(words="motif non enregistré", errors=1, sites=1),
    ]
    many = [ErrorKind(words=f"HTTP {400 + i}", errors=1, sites=1) for i in range(22)]
    assert error_reasons(many)[-1] == "  … et 2 autres motifs"
