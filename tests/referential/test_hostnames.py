"""Host names that cannot be a real website: the checks of `barometre.referential.hostnames` and
the build of the shipped registries (`scripts/build_referential.py`) on small made-up lists."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest

from barometre.referential import shipped_names as names
from barometre.referential.hostnames import bare_host, glued_parts, host_defect, unknown_tld
from barometre.referential.services.shipped import read_bytes
from tests.benches import load_script

SCRIPT = Path(__file__).resolve().parents[2] / "scripts/build_referential.py"
KNOWN = {"mairie20.paris.fr", "villaineslagonais.mairie72.fr", "longvilliers.fr", "a.fr"}


@pytest.mark.parametrize(
    ("host", "parts"),
    [
        (
            "www.mairie20.paris.frvillaineslagonais.mairie72.fr",
            ("mairie20.paris.fr", "villaineslagonais.mairie72.fr"),
        ),
        (
            "mairie20.paris.frwww.villaineslagonais.mairie72.fr",
            ("mairie20.paris.fr", "www.villaineslagonais.mairie72.fr"),
        ),
        ("a.fra.fr", ("a.fr", "a.fr")),
    ],
)
def test_two_known_hosts_glued_without_a_dot_are_found(host: str, parts: tuple[str, str]) -> None:
    assert glued_parts(host, KNOWN) == parts


@pytest.mark.parametrize(
    "host",
    [
        "longvilliers.free.fr",  # a known host followed by other text: a real host
        "mairie20.paris.fr",
        "www.villaineslagonais.mairie72.fr",
        "mairie20.paris.fr.villaineslagonais.mairie72.fr",  # a dot: a (strange) subdomain
        "b.fra.fr",
    ],
)
def test_real_hosts_are_not_glued(host: str) -> None:
    assert glued_parts(host, KNOWN) is None
    assert host_defect(host, KNOWN) is None


@pytest.mark.parametrize(
    ("host", "tld"),
    [
        ("www.grandavignon.frfr", "frfr"),
        ("st-aff.frcomcom", "frcomcom"),
        ("levezou.frcitoyen-du-levezou", "frcitoyen-du-levezou"),
        ("mairie.fr", None),
        ("louhossoa.eus", None),
        ("mairie-verlans.ht.cx", None),
        ("www.xn--mairie-b-7va.bzh", None),
        ("mairie.test", None),  # reserved for tests
        ("192.168.1.10", None),
    ],
)
def test_an_extension_outside_the_iana_list_is_found(host: str, tld: str | None) -> None:
    assert unknown_tld(host) == tld


def test_the_reason_is_french_and_names_the_parts() -> None:
    reason = host_defect("www.mairie20.paris.frvillaineslagonais.mairie72.fr", KNOWN)
    assert reason is not None and "deux noms collés" in reason
    assert "« mairie20.paris.fr »" in reason and "« villaineslagonais.mairie72.fr »" in reason
    assert "« .frfr »" in str(host_defect("grandavignon.frfr", KNOWN))


def _csv(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _commune(code: str, domain: str) -> dict[str, str]:
    return {
        "code_insee": code,
        "domain": domain,
        "website": f"https://{domain}",
        "answered_200_ok_2022_12": "true",
        "match_method": "exact",
        "match_confidence": "low",
        "source_note": "",
    }


def _check(host: str) -> dict[str, str]:
    return {"name": host, "http_status": "200 OK", "https_status": "200 OK"}


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The build run on a made-up source: Paris with a glued host, two EPCI hosts with a
    doubled extension."""
    src, epci_src = tmp_path / "src", tmp_path / "decoupage"
    src.mkdir(), epci_src.mkdir()
    glued = "www.mairie20.paris.frvillaineslagonais.mairie72.fr"
    hosts = ["mairie20.paris.fr", "villaineslagonais.mairie72.fr", "longvilliers.free.fr", glued]
    (src / "etalab-communes-domains-2022-12.txt").write_text("\n".join(hosts) + "\n")
    _csv(
        src / "communes-websites-matched.csv",
        [
            _commune("75056", "mairie20.paris.fr"),
            _commune("75056", glued.removeprefix("www.")),
            _commune("72375", "villaineslagonais.mairie72.fr"),
            _commune("78349", "longvilliers.free.fr"),
        ],
    )
    checks = ["www.cc-avignon.fr", "grandavignon.frfr", "www.grandavignon.frfr"]
    _csv(src / "etalab-domains-epci-checked-2022-12.csv", [_check(h) for h in checks])
    epci = [{"code": "248400251", "nom": "CA du Grand Avignon", "type": "CA", "membres": []}]
    (epci_src / "epci.json").write_text(json.dumps(epci))
    (epci_src / "communes.json").write_text("[]")
    script = load_script(SCRIPT)
    monkeypatch.setattr(script, "OUT", tmp_path / "a/b/c/d/out")
    known, dropped = script.source_hosts(src), script.Dropped()
    script.build_websites(src, {"75056", "72375", "78349"}, known, dropped)
    script.build_epci_websites(src, epci_src, known, dropped)
    return script.OUT / "websites", dropped


def _hosts_of(raw: bytes) -> list[str]:
    text = gzip.decompress(raw).decode("utf-8")
    return [row["host"] for row in csv.DictReader(io.StringIO(text))]


def _hosts(path: Path) -> list[str]:
    return _hosts_of(path.read_bytes())


def test_the_build_drops_glued_hosts_and_says_why(built, capsys: pytest.CaptureFixture) -> None:
    out, dropped = built
    communes = _hosts(out / "etalab-2022.csv.gz")
    assert sorted(communes) == [
        "longvilliers.free.fr",
        "mairie20.paris.fr",
        "villaineslagonais.mairie72.fr",
    ]
    assert "frfr" not in " ".join(_hosts(out / "epci-etalab-2022.csv.gz"))
    assert [(file, line, host) for file, line, host, _ in dropped] == [
        ("communes-websites-matched.csv", 3, "mairie20.paris.frvillaineslagonais.mairie72.fr"),
        ("etalab-domains-epci-checked-2022-12.csv", 3, "grandavignon.frfr"),
        ("etalab-domains-epci-checked-2022-12.csv", 4, "www.grandavignon.frfr"),
    ]
    dropped.report()
    report = capsys.readouterr().out
    assert "left out as not real (glued names, unknown TLD): 3" in report
    assert "communes-websites-matched.csv:3 mairie20.paris.frvillaineslagonais" in report


def test_no_shipped_registry_holds_a_host_that_cannot_be_real() -> None:
    """The shipped files, as rebuilt: Paris's glued host and the EPCI's ".frfr" hosts are gone."""
    hosts = {
        name: _hosts_of(read_bytes(name)) for name in (names.WEBSITES_ETALAB, names.WEBSITES_EPCI)
    }
    known = {bare_host(host) for found in hosts.values() for host in found}
    bad = [host for found in hosts.values() for host in found if host_defect(host, known)]
    assert bad == []
