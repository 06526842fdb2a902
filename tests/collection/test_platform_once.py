"""A platform page linked from many communes is fetched once per audit; the others get a
revisit record that opens as the original (evidence viewer, `evidence show`, `--from-warc`)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from warcio.archiveiterator import ArchiveIterator

from barometre.assessments.models import Assessment, Source
from barometre.collection.audit_text import render_summary
from barometre.collection.models import EvidenceRecord, SiteAudit
from barometre.collection.services import (
    AuditOptions,
    campaign_audit,
    campaign_audit_from_warc,
    evidence_get,
)
from barometre.referential.models import Campaign, Website
from barometre.web.evidence import archived_response
from tests.collection.site_server import Route, SiteServer
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db

SP = "www.service-public.fr"
LINKED = "/particuliers/vosdroits/R1406"  # redirects to PAGE
PAGE = "/particuliers/vosdroits/R1406/demande"
GONE = "/particuliers/vosdroits/R9999"  # 404 for everyone
PLATFORM_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Demande d'acte de naissance - Service-Public.fr</title></head><body><main>
<h1>Demande d'acte de naissance</h1><p>Ce service en ligne vous permet de demander un acte de
naissance sans vous déplacer.</p><p><a href="/compte/se-connecter">Accéder au service en
ligne</a></p></main></body></html>"""
COMMUNES = [("91001", "Amont"), ("91002", "Aval"), ("91003", "Milieu"), ("91004", "Plaine")]


def etat_civil(name: str) -> str:
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Demander un acte de naissance - Mairie de {name}</title></head><body><main>
<h1>Acte de naissance</h1>
<p>Vous pouvez demander une copie intégrale ou un extrait d'acte de naissance.</p>
<p><a href="https://{SP}{LINKED}">Faire la demande d'acte de naissance en ligne</a></p>
<p><a href="https://{SP}{GONE}">Faire la demande de livret de famille en ligne</a></p>
</main></body></html>"""


def communes_with_sites(server: SiteServer) -> list[object]:
    communes = []
    for code, name in COMMUNES:
        commune = CommuneFactory(code=code, name=name)
        host = f"www.{name.lower()}.test"
        Website.objects.create(
            commune=commune,
            url=f"https://{host}/",
            host=host,
            confidence="high",
            source=Website.Source.USER,
            is_primary=True,
        )
        server.add(
            host,
            "/",
            '<html><head><title>Mairie</title></head><body><a href="/etat-civil">État civil'
            "</a></body></html>",
        )
        server.add(host, "/etat-civil", etat_civil(name))
        communes.append(commune)
    # slow enough that the sites opened together wait for the one request in flight
    server.add(SP, LINKED, Route(status=301, headers=(("Location", f"https://{SP}{PAGE}"),)))
    server.add(SP, PAGE, Route(body=PLATFORM_PAGE.encode(), delay=0.3))
    return communes


def levels(campaign: Campaign) -> list[tuple[str, str, int | None]]:
    auto = Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
    return sorted(auto.values_list("commune_id", "service__slug", "level"))


def test_a_platform_page_linked_by_several_communes_is_fetched_once(
    server: SiteServer, warc_root: Path, client: Client
) -> None:
    communes = communes_with_sites(server)
    live = CampaignFactory(name="plateformes", communes=communes)
    options = AuditOptions(
        farm_address=server.address, allow_private=True, polite=False, timeout=5.0, site_window=2
    )

    summary = campaign_audit(campaign=live, options=options)

    assert summary.sites_done == len(COMMUNES)
    assert summary.reused == len(COMMUNES) - 1  # the page, for every commune but the first
    assert "reprises sans nouvelle requête : 3." in render_summary(summary)
    # one request for the platform page (and its redirect, and the dead link) in all
    assert server.count(SP, LINKED) == 1
    assert server.count(SP, PAGE) == 1
    assert server.count(SP, GONE) == 1
    for commune in communes:  # every commune's site pages are fetched, each once
        assert server.count(f"www.{commune.name.lower()}.test", "/etat-civil") == 1

    # every commune has its own evidence record of the platform page, which opens as the page
    page_url = f"https://{SP}{PAGE}"
    records = EvidenceRecord.objects.filter(campaign=live, url=page_url)
    assert sorted(r.commune_id for r in records) == [code for code, _ in COMMUNES]
    for record in records:
        view = evidence_get(record_id=record.pk)
        assert view.digest_ok and view.response.status == 200
        assert b"Demande d'acte de naissance" in view.response.body
        web = archived_response(record)
        assert web is not None and web.body == view.response.body
    revisits = [r for r in records if evidence_get(record_id=r.pk).response.refers_to]
    assert len(revisits) == len(COMMUNES) - 1
    # the redirect is archived for every commune too
    assert EvidenceRecord.objects.filter(campaign=live, url=f"https://{SP}{LINKED}").count() == 4

    # in the WARC, proper revisit records (WARC 1.1, identical payload digest)
    files = sorted((warc_root / "plateformes").glob("*.warc.gz"))
    found = []
    for path in files:
        with path.open("rb") as handle:
            found += [r.rec_headers for r in ArchiveIterator(handle) if r.rec_type == "revisit"]
    assert len(found) == 2 * (len(COMMUNES) - 1)  # the redirect and the page, for 3 communes
    for headers in found:
        assert headers.get_header("WARC-Profile") == (
            "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
        )
        assert headers.get_header("WARC-Refers-To", "").startswith("<urn:uuid:")
        assert headers.get_header("WARC-Refers-To-Target-URI") == headers.get_header(
            "WARC-Target-URI"
        )
        assert headers.get_header("WARC-Refers-To-Date")
        assert headers.get_header("Barometre-Site") in {code for code, _ in COMMUNES}

    # every commune's cells have evidence that opens; the dead link counts for everyone
    auto = Assessment.objects.filter(campaign=live, source=Source.AUTO)
    assert {a.commune_id for a in auto} == {code for code, _ in COMMUNES}
    for assessment in auto:
        assert assessment.evidence_record_id is not None
        assert evidence_get(record_id=assessment.evidence_record_id).digest_ok
    per_commune = {}
    for code, _ in COMMUNES:
        per_commune[code] = sorted(
            auto.filter(commune_id=code).values_list("service__slug", "level")
        )
    assert len(set(map(tuple, per_commune.values()))) == 1  # same pages, same levels
    assert SiteAudit.objects.filter(campaign=live, status="done").count() == len(COMMUNES)

    # the evidence viewer shows it too
    page = client.get(f"/preuve/{revisits[0].pk}/archive/")
    assert page.status_code == 200 and "Demande d'acte de naissance" in page.content.decode()
    assert client.get(f"/preuve/{revisits[0].pk}/").status_code == 200

    # `evidence show` opens a revisit as the original page
    revisit = revisits[0]
    out = StringIO()
    call_command("evidence", "show", "--record", str(revisit.pk), stdout=out)
    assert "conforme" in out.getvalue() and "acte de naissance" in out.getvalue()
    assert "« revisit » : page reprise, sans nouvelle requête" in out.getvalue()

    # the same archives, read offline, give the same levels
    archived = CampaignFactory(name="plateformes-archive", communes=communes)
    campaign_audit_from_warc(campaign=archived, paths=files)
    assert levels(archived) == [(c, s, lv) for c, s, lv in levels(live)]
    assert EvidenceRecord.objects.filter(campaign=archived, url=page_url).count() == 4


def _foreign_warc(path: Path, *, with_original: bool) -> tuple[int, int]:
    """Another crawler's deduplicated capture: a response, then a revisit of the same URL
    without barometre's pointer (found by its WARC-Refers-To record ID). Returns the offsets."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    url = "https://www.valbrune.test/etat-civil"
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="WARC/1.1")
        body = etat_civil("Valbrune").encode()
        original = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
        )
        first = handle.tell()
        if with_original:
            writer.write_record(original)
        revisit = writer.create_revisit_record(
            url,
            original.rec_headers.get_header("WARC-Payload-Digest"),
            url,
            original.rec_headers.get_header("WARC-Date"),
            http_headers=http,
            warc_headers_dict={"WARC-Refers-To": original.rec_headers.get_header("WARC-Record-ID")},
        )
        second = handle.tell()
        writer.write_record(revisit)
    return first, second


def test_a_foreign_revisit_is_read_as_its_original_found_in_its_file(tmp_path: Path) -> None:
    from barometre.collection.warc import iter_responses, read_response

    path = tmp_path / "autre.warc.gz"
    first, second = _foreign_warc(path, with_original=True)
    original = read_response(path, first)
    revisit = read_response(path, second)
    assert revisit.body == original.body and revisit.refers_to == f"autre.warc.gz@{first}"
    assert revisit.computed_digest == revisit.digest == original.digest
    assert [r.offset for r in iter_responses(path)] == [first, second]

    lost = tmp_path / "sans-original.warc.gz"
    _, second = _foreign_warc(lost, with_original=False)
    with pytest.raises(ValueError, match="réponse d'origine est introuvable"):
        read_response(lost, second)
    assert list(iter_responses(lost)) == []  # left out of an audit from archives
