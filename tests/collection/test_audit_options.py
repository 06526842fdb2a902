"""Options of `barometre audit` that cannot give a meaningful crawl are refused, in French,
before a campaign is created or anything is crawled."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.assessments.models import Assessment, Source
from barometre.collection.audit_text import render_summary
from barometre.collection.models import EvidenceRecord, SiteAudit
from barometre.collection.services import AuditOptions, AuditSummary, campaign_audit
from barometre.collection.services.demo import FarmCommune, farm_campaign_create
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign, Commune, Website
from barometre.referential.selectors import primary_websites
from tests.collection.site_server import Route, SiteServer
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--farm", "127.0.0.1:9"], "exige --allow-private-addresses"),
        (["--window", "0"], "--window doit valoir au moins 1"),
        (["--pages", "0"], "--pages doit valoir au moins 1"),
        (["--pages", "-5"], "--pages doit valoir au moins 1"),
        (["--depth", "-1"], "--depth doit valoir au moins 0"),
        (["--farm", "localhost", "--allow-private-addresses"], "Adresse de ferme non comprise"),
        (["--farm", "127.0.0.1:99999", "--allow-private-addresses"], "attendu HÔTE:PORT"),
        (["--farm", "http://127.0.0.1:80/", "--allow-private-addresses"], "« http://127"),
    ],
)
def test_bad_options_are_refused_before_a_campaign_is_created(
    arguments: list[str], message: str
) -> None:
    CommuneFactory(code="99101")
    with pytest.raises(BarometreError, match=message):
        call_command(
            "audit", "--campaign", "neuve", "--communes", "99101", *arguments, stdout=StringIO()
        )
    assert not Campaign.objects.filter(name="neuve").exists()


@pytest.mark.parametrize(("typed", "meant"), [("2062", "2026"), ("Essai", "essai")])
def test_a_campaign_name_close_to_one_there_is_is_a_typo_not_a_new_campaign(
    typed: str, meant: str
) -> None:
    """`audit --campaign 2062` (for 2026) created a campaign of the 25 largest communes and
    crawled their sites; refused, naming the campaign meant and how to create a new one."""
    CampaignFactory(name=meant)
    with pytest.raises(BarometreError) as refused:
        call_command("audit", "--campaign", typed, stdout=StringIO())
    said = str(refused.value)
    assert f"vouliez-vous dire «{NBSP}{meant}{NBSP}»{NBSP}?" in said, said
    assert f"«{NBSP}barometre audit --campaign {typed} --communes top:25{NBSP}»" in said
    assert not Campaign.objects.filter(name=typed).exists()


def test_selected_communes_outside_the_campaign_are_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An existing campaign audits only its own communes: the others selected are not silently
    dropped from the analyst's list."""
    inside = CommuneFactory(code="99101")
    CommuneFactory(code="99102")
    CampaignFactory(name="existante", communes=[inside])
    err = StringIO()
    call_command(
        "audit",
        "--campaign",
        "existante",
        "--communes",
        "99101,99102",
        stdout=StringIO(),
        stderr=err,
    )
    assert (
        "Attention : 1 commune de la sélection n'est pas dans la campagne « existante », donc pas "
        "auditée (99102)." in err.getvalue()
    )


def test_a_run_with_every_commune_already_audited_says_there_was_nothing_to_do() -> None:
    """Nothing crawled, exit code 0, and a French sentence that says why and what to do."""
    communes = [CommuneFactory(code=code) for code in ("99101", "99102", "99103")]
    campaign = CampaignFactory(name="faite", communes=communes)
    for commune, status in zip(communes, ("done", "done", "failed"), strict=True):
        reason = "robots.txt injoignable (connexion refusée)" if status == "failed" else ""
        SiteAudit.objects.create(campaign=campaign, commune=commune, status=status, reason=reason)
    out = StringIO()
    call_command("audit", "--campaign", "faite", stdout=out)  # no error: exit code 0
    assert out.getvalue().strip() == (
        "Rien à faire : les 3 communes sélectionnées sont déjà auditées dans la campagne "
        "« faite » (dont 1 en échec : --retry-failed pour le réessayer) ; --recrawl pour tout "
        "réexplorer.\n"
        "Sites en échec :\n"
        "  robots.txt injoignable (connexion refusée) : 1 site (99103)"
    )
    one = StringIO()
    call_command("audit", "--campaign", "faite", "--communes", "99101", stdout=one)
    assert one.getvalue().strip() == (
        "Rien à faire : la commune sélectionnée est déjà auditée dans la campagne « faite » ; "
        "--recrawl pour tout réexplorer."
    )


def test_a_run_again_where_every_selected_commune_had_failed_is_an_error() -> None:
    """Nothing to crawl, but nothing measured either: the analyst is told plainly, with each
    commune's reason, and the exit code is not 0 (a script must not go on to a report of 0 %)."""
    communes = [CommuneFactory(code=code) for code in ("99101", "99102", "99103")]
    campaign = CampaignFactory(name="ratee", communes=communes)
    for commune in communes[:2]:
        SiteAudit.objects.create(
            campaign=campaign, commune=commune, status="failed", reason="connexion refusée"
        )
    SiteAudit.objects.create(campaign=campaign, commune=communes[2], status="done")
    with pytest.raises(BarometreError) as error:
        call_command("audit", "--campaign", "ratee", "--communes", "99101,99102", stdout=StringIO())
    assert str(error.value) == (
        "Aucune commune mesurée : les 2 communes sélectionnées sont en échec depuis un audit "
        "précédent de la campagne « ratee », qui n'a aucune valeur pour elles ; rien n'a été "
        "réexploré.\n"
        "  connexion refusée : 2 sites (99101, 99102)\n"
        "Corrigez l'adresse des sites (« barometre websites import ») ou attendez qu'ils "
        "répondent, puis relancez avec --retry-failed."
    )
    # with the measured commune in the selection, the run has nothing to do and succeeds
    out = StringIO()
    call_command("audit", "--campaign", "ratee", stdout=out)
    assert out.getvalue().startswith("Rien à faire : les 3 communes sélectionnées")
    assert "Sites en échec :\n  connexion refusée : 2 sites (99101, 99102)" in out.getvalue()


def test_reasons_stored_in_english_by_an_older_version_are_shown_in_french() -> None:
    """The crawler once stored the library's English after its French label, or an unknown
    error's type and message: shown as stored, English and all. They are said in French as the
    crawler says them now; the stored text is kept."""
    stored = {
        "99101": "connexion refusée (Connection was refused by other side: 111: Connection "
        "refused.)",
        "99102": "délai dépassé (Getting https://www.x.test/ took longer than 180.0 seconds.)",
        "99103": "adresse invalide (Port out of range 0-65535)",
        "99104": "KeyError: 'site'",
        "99105": "max redirections reached",
    }
    campaign = CampaignFactory(name="ancienne")
    for code, reason in stored.items():
        commune = CommuneFactory(code=code)
        campaign.communes.add(commune)
        SiteAudit.objects.create(campaign=campaign, commune=commune, status="failed", reason=reason)
    with pytest.raises(BarometreError) as error:
        call_command("audit", "--campaign", "ancienne", stdout=StringIO())
    lines = str(error.value).splitlines()[1:-1]
    assert sorted(lines) == [
        "  adresse invalide (port hors limites, de 0 à 65\u00a0535)\u00a0: 1 site (99103)",
        "  connexion refusée\u00a0: 1 site (99101)",
        "  délai dépassé (plus de 180\u00a0s)\u00a0: 1 site (99102)",
        "  erreur inattendue (KeyError)\u00a0: 1 site (99104)",
        "  trop de redirections (5 au plus\u00a0: une boucle\u00a0?)\u00a0: 1 site (99105)",
    ]
    kept = dict(SiteAudit.objects.values_list("commune_id", "reason"))
    assert kept == stored


def test_an_audit_in_which_every_site_fails_says_no_commune_was_measured() -> None:
    communes = [CommuneFactory(code=code) for code in ("99101", "99102")]
    for commune in communes:
        Website.objects.create(
            commune=commune,
            url="https://www.injoignable.test:99999/",
            host="www.injoignable.test",
            confidence="high",
            source="user",
            is_primary=True,
        )
    CampaignFactory(name="panne-totale", communes=communes)
    out = StringIO()
    with pytest.raises(BarometreError) as error:
        call_command("audit", "--campaign", "panne-totale", stdout=out, stderr=StringIO())
    assert str(error.value).startswith(
        "Aucune commune mesurée : les 2 communes sélectionnées sont en échec (motifs ci-dessus), "
        "la campagne « panne-totale » n'a aucune valeur pour elles."
    )
    reason = "URL de départ invalide\u00a0: https://www.injoignable.test:99999/ (port hors limites"
    assert f"  {reason}, de 0 à 65\u00a0535)\u00a0: 2 sites (99101, 99102)" in out.getvalue()


def test_an_interrupted_audit_says_so_in_french() -> None:
    summary = AuditSummary(
        campaign="c",
        sites_total=3,
        sites_skipped=0,
        sites_done=1,
        sites_failed=0,
        sites_no_website=0,
        sites_unfinished=2,
        pages=10,
        errors=0,
        assessments=4,
        elapsed=2.0,
        close_reason="shutdown",
        detection_ms_per_page=1.0,
    )
    assert render_summary(summary).splitlines()[-1] == (
        "Interrompu (arrêt demandé : aucune nouvelle requête envoyée après Ctrl-C) : "
        "2 sites restent ; relancez la même commande pour reprendre."
    )


def test_a_demo_commune_given_another_site_has_one_primary_site_the_newest() -> None:
    """A demonstration farm generated again (another seed) gives its reserved communes other
    sites: each commune keeps one primary site, the farm's current one."""
    first = FarmCommune("9Z001", "Ferme-1", 1200, "https://www.ancienne.test/")
    farm_campaign_create(name="demo-x", communes=[first])
    again = FarmCommune("9Z001", "Ferme-1", 1200, "https://www.nouvelle.test/")
    farm_campaign_create(name="demo-x", communes=[again])
    primaries = Website.objects.filter(commune_id="9Z001", is_primary=True)
    assert list(primaries.values_list("url", flat=True)) == ["https://www.nouvelle.test/"]
    assert primary_websites(Commune.objects.filter(code="9Z001")) == {
        "9Z001": ["https://www.nouvelle.test/"]  # the old site is no start URL any more
    }


def test_a_local_audit_s_summary_groups_its_failures_by_reason_as_a_worker_does() -> None:
    """The local summary listed its first 20 failures one per site: 60 sites down with the same
    HTTP 500 hid the one refused connection. Grouped by reason (`failure_reasons`), every
    failure counts, as in a worker's summary and `audit status`."""
    failures = [(f"03{i:03d}", "HTTP 500") for i in range(60)] + [("03999", "connexion refusée")]
    summary = AuditSummary(
        campaign="c",
        sites_total=61,
        sites_skipped=0,
        sites_done=0,
        sites_failed=61,
        sites_no_website=0,
        sites_unfinished=0,
        pages=61,
        errors=61,
        assessments=0,
        elapsed=2.0,
        close_reason="finished",
        detection_ms_per_page=1.0,
        failures=tuple(failures),
    )
    assert render_summary(summary).splitlines()[2:] == [
        "Sites en échec\u00a0:",
        "  HTTP 500\u00a0: 60 sites (03000, 03001, 03002, 03003, 03004, 03005, 03006, 03007, "
        "03008, 03009 … et 50 autres)",
        "  connexion refusée\u00a0: 1 site (03999)",
    ]


def test_a_site_read_in_part_is_audited_and_its_record_says_why(
    server: SiteServer, warc_root: Path
) -> None:
    """A robots.txt past its parsing limit and a page of too many links: the site is audited,
    its record (« motif ») and the audit's summary say what was read in part."""
    from barometre.collection.crawler.links import MAX_LINKS, links_note
    from barometre.collection.crawler.robots import robots_note

    host = "www.en-partie.test"
    rules = b"User-agent: *\nDisallow: /prive/\n" + b"Disallow: /archives/0123/\n" * 30_000
    server.add(host, "/robots.txt", Route(rules, content_type="text/plain"))
    anchors = "".join('<a href="/">x</a>' for _ in range(MAX_LINKS + 1))
    server.add(host, "/", f"<html><body><a href='/prive/a'>p</a>{anchors}</body></html>")
    commune = CommuneFactory(code="99201")
    Website.objects.create(
        commune=commune, url=f"http://{host}/", host=host, confidence="high", is_primary=True
    )
    campaign = CampaignFactory(name="en-partie", communes=[commune])
    options = AuditOptions(farm_address=server.address, allow_private=True, polite=False)
    summary = campaign_audit(campaign=campaign, options=options)
    reason = f"{robots_note(500 * 1024)}\u00a0; {links_note(f'http://{host}/')}"
    audit = SiteAudit.objects.get(campaign=campaign, commune=commune)
    assert (audit.status, audit.reason) == ("done", reason)
    assert server.count(host, "/prive/a") == 0
    lines = render_summary(summary).splitlines()
    assert (
        lines[lines.index("Sites audités en partie\u00a0:") + 1]
        == f"  {reason}\u00a0: 1 site (99201)"
    )


@pytest.mark.parametrize(
    ("charset", "in_meta"),
    [
        ("zlib", False),
        ("rot13", False),
        ("idna", False),
        ("undefined", False),
        ("utf-8\x00", False),
        ("zlib", True),
        ("base64", True),
    ],
)
def test_a_page_whose_charset_is_no_text_encoding_is_analysed(
    server: SiteServer, warc_root: Path, charset: str, in_meta: bool
) -> None:
    """`Content-Type: text/html; charset=zlib` names a codec Python knows but that decodes
    no text (zlib, base64, rot13…), or one that fails on any byte (idna, undefined), or holds a
    NUL: decoding the page raised in the audit process (LookupError, UnicodeError,
    ValueError) and stopped the whole audit; in its <meta charset>, the page failed in the crawl
    process, or was analysed as empty. The label is ignored, as a browser ignores one it does
    not know: the page is read by its <meta charset>, else as UTF-8."""
    host = "www.codage.test"
    meta = f'<meta charset="{charset}">' if in_meta else ""
    page = (
        f"<html><head>{meta}<title>Acte de naissance</title></head><body><main><h1>Acte de "
        "naissance</h1><p>Vous pouvez demander une copie intégrale d'acte de naissance.</p>"
        '<p><a href="https://www.service-public.fr/particuliers/vosdroits/R1406">Faire la '
        "demande d'acte de naissance en ligne</a></p></main></body></html>"
    ).encode()
    header = "text/html" if in_meta else f"text/html; charset={charset}"
    server.add(host, "/", Route(page, content_type=header))
    server.add("www.service-public.fr", "/particuliers/vosdroits/R1406", "<html>ok</html>")
    commune = CommuneFactory(code="99202")
    Website.objects.create(
        commune=commune, url=f"http://{host}/", host=host, confidence="high", is_primary=True
    )
    campaign = CampaignFactory(name="codage", communes=[commune])
    options = AuditOptions(farm_address=server.address, allow_private=True, polite=False)
    summary = campaign_audit(campaign=campaign, options=options)
    assert (summary.sites_done, summary.errors) == (1, 0), summary.failures
    audit = SiteAudit.objects.get(campaign=campaign, commune=commune)
    assert (audit.status, audit.reason) == ("done", "")
    naissance = Assessment.objects.get(
        commune=commune, service__slug="actes-etat-civil", source=Source.AUTO
    )
    assert naissance.level >= 2 and naissance.evidence_url == f"http://{host}/"
    # PostgreSQL refuses a NUL in text: the header is stored without it
    record = EvidenceRecord.objects.get(campaign=campaign, url=f"http://{host}/")
    assert record.content_type == header.replace("\x00", "")


def test_a_nul_in_a_header_does_not_stop_the_audit(server: SiteServer, warc_root: Path) -> None:
    """A NUL in a header (a redirect's `Location`) went into the site's reason, and PostgreSQL
    refused the transaction storing the finished sites: the audit stopped with a DataError.
    The NUL is left out of what is stored. Since w3lib 2.6, Scrapy's redirect middleware
    refuses such a Location itself (a forbidden character in a host name); before, the 302
    reached the spider, which did not follow an ftp: address. Either way the site fails
    alone, with a French reason and no NUL."""
    host = "www.nul.test"
    server.add(host, "/", Route(status=302, headers=(("Location", "ftp://fichiers\x00.test/"),)))
    commune = CommuneFactory(code="99204")
    Website.objects.create(
        commune=commune, url=f"http://{host}/", host=host, confidence="high", is_primary=True
    )
    campaign = CampaignFactory(name="nul", communes=[commune])
    options = AuditOptions(farm_address=server.address, allow_private=True, polite=False)
    summary = campaign_audit(campaign=campaign, options=options)
    assert summary.sites_failed == 1
    audit = SiteAudit.objects.get(campaign=campaign, commune=commune)
    assert audit.reason in {
        f"redirection non suivie (HTTP 302 vers «{NBSP}ftp://fichiers.test/{NBSP}»{NBSP}: "
        "http et https seulement)",
        "adresse invalide (caractère interdit dans le nom d'hôte)",
    }


def test_a_page_of_one_long_paragraph_is_analysed_in_little_time(
    server: SiteServer, warc_root: Path
) -> None:
    """A page of one paragraph of 90 KB naming a service again and again (a text dump, a
    hostile page) held the audit process 20 s, every site of the audit waiting (400 KB: 44 s):
    each cue found in the line searched the whole line again for the service's negative
    phrases. The line is searched once per service; the reading is the same."""
    host = "www.paragraphe.test"
    words = "Vous pouvez faire une demande d'acte de naissance en ligne. " * 6000
    page = f"<html><head><title>Actes</title></head><body><main><p>{words}</p></main></body></html>"
    server.add(host, "/", Route(page.encode()))
    commune = CommuneFactory(code="99203")
    Website.objects.create(
        commune=commune, url=f"http://{host}/", host=host, confidence="high", is_primary=True
    )
    campaign = CampaignFactory(name="paragraphe", communes=[commune])
    options = AuditOptions(farm_address=server.address, allow_private=True, polite=False)
    summary = campaign_audit(campaign=campaign, options=options)
    assert (summary.sites_done, summary.pages) == (1, 1)
    assert summary.detection_ms_per_page < 3000, summary.detection_ms_per_page
    naissance = Assessment.objects.get(
        commune=commune, service__slug="actes-etat-civil", source=Source.AUTO
    )
    assert naissance.level >= 1


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_an_audit_that_fails_mid_run_writes_its_error_on_a_line_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The progress line is drawn in place on a terminal, with no line end: a run stopped by
    an error (the database lost, the WARC folder gone) wrote « Erreur : … » after it, on the
    same line (« 1 site sur 2 (0 échec) · 3 pages · … · 0 erreurErreur : … »)."""
    from barometre.collection.management.commands import audit
    from barometre.collection.services import AuditProgress

    commune = CommuneFactory(code="99101")
    CampaignFactory(name="coupee", communes=[commune])

    def failing(*, on_progress: object, **_: object) -> None:
        shown = AuditProgress(sites_total=2, sites_done=1, pages=3)
        on_progress(shown)  # type: ignore[operator]
        raise BarometreError("la base de données ne répond plus")

    monkeypatch.setattr(audit, "campaign_audit", failing)
    terminal = _Terminal()
    command = audit.Command(stdout=StringIO(), stderr=terminal)
    with pytest.raises(SystemExit):
        command.run_from_argv(["barometre", "audit", "--campaign", "coupee"])
    shown = terminal.getvalue()
    before, _ = shown.split("Erreur", 1)
    assert before.endswith("\n"), repr(shown)  # the error starts a line
    drawn = before.index("\x1b[K")  # the end of the line drawn in place
    assert "\r\x1b[K1 site sur 2 (0 échec)" in before[drawn:], repr(shown)  # cleared, written
