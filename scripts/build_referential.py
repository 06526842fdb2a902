"""Build the compact referential shipped in the package from the upstream open data.

A maintainer's tool, run by hand when the upstream data changes; barometre itself never reads the
upstream folder. Usage:

    python scripts/build_referential.py ../shared/data

Writes src/barometre/referential/data/territories/*.csv(.gz), websites/etalab-2022.csv.gz
(commune websites) and websites/epci-etalab-2022.csv.gz (intercommunal websites, matched to EPCI
SIREN by name with `barometre.referential.epci_matching`).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

from barometre.referential.epci_matching import EpciName, match_hosts
from barometre.referential.hostnames import bare_host, host_defect

OUT = Path(__file__).resolve().parent.parent / "src/barometre/referential/data"
HOST_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")
RANK = {"high": 0, "medium": 1, "low": 2}
COMMUNE_HOSTS = "etalab-communes-domains-2022-12.txt"
EPCI_CHECKS = "etalab-domains-epci-checked-2022-12.csv"


class Dropped(list[tuple[str, int, str, str]]):
    """Source rows left out because their host cannot be a real website: (file, line, host,
    reason), printed at the end of the build and listed in SOURCES.md."""

    def check(self, host: str, known: set[str], file: str, line: int) -> bool:
        """Record and return True if `host` is two names glued together or has no real TLD."""
        if reason := host_defect(host, known):
            self.append((file, line, host, reason))
        return reason is not None

    def report(self) -> None:
        print(f"Hosts left out as not real (glued names, unknown TLD): {len(self)}")
        for file, line, host, reason in self:
            print(f"  {file}:{line} {host}: {reason}")


def source_hosts(src: Path) -> set[str]:
    """Every host name of the Etalab lists (communes and EPCI), without "www.": the names a
    glued host is made of."""
    lines = (src / COMMUNE_HOSTS).read_text(encoding="utf-8").splitlines()
    hosts = {bare_host(line.split("#", 1)[0]) for line in lines if line.split("#", 1)[0].strip()}
    with open(src / EPCI_CHECKS, encoding="utf-8") as handle:
        hosts |= {bare_host(r["name"]) for r in csv.DictReader(handle)}
    return hosts


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    else:
        path.write_bytes(data)
    print(f"{path.relative_to(OUT.parent.parent.parent.parent)}: {len(rows)} rows")


def build_territories(src: Path) -> set[str]:
    regions = json.loads((src / "regions.json").read_text())
    _write(
        OUT / "territories/regions.csv", ["code", "name"], [[r["code"], r["nom"]] for r in regions]
    )
    deps = json.loads((src / "departements.json").read_text())
    _write(
        OUT / "territories/departements.csv",
        ["code", "name", "region"],
        [[d["code"], d["nom"], d["region"]] for d in deps],
    )
    epcis = json.loads((src / "epci.json").read_text())
    member_of = {m["code"]: e["code"] for e in epcis for m in e["membres"]}
    _write(
        OUT / "territories/epci.csv.gz",
        ["siren", "name", "kind", "population"],
        [[e["code"], e["nom"], e["type"], e.get("populationMunicipale", 0)] for e in epcis],
    )
    communes = [
        c
        for c in json.loads((src / "communes.json").read_text())
        if c["type"] == "commune-actuelle"
    ]
    rows = [
        [
            c["code"],
            c["nom"],
            c["departement"],
            c["region"],
            c.get("siren", ""),
            c.get("population", 0),
            member_of.get(c["code"], ""),
            " ".join(sorted(set(c.get("codesPostaux", [])))),
        ]
        for c in communes
    ]
    _write(
        OUT / "territories/communes.csv.gz",
        ["code", "name", "department", "region", "siren", "population", "epci", "postcodes"],
        rows,
    )
    return {c["code"] for c in communes}


def build_websites(src: Path, codes: set[str], known: set[str], dropped: Dropped) -> None:
    rows = []
    with open(src / "communes-websites-matched.csv", encoding="utf-8") as handle:
        for line, r in enumerate(csv.DictReader(handle), start=2):
            host = r["domain"].strip().lower()
            if (
                r["code_insee"] not in codes
                or r["match_confidence"] not in RANK
                or not r["website"]
            ):
                continue
            if dropped.check(host, known, "communes-websites-matched.csv", line):
                continue
            if not HOST_RE.match(host):
                continue
            ok = r["answered_200_ok_2022_12"] == "true"
            note = "; ".join(
                x
                for x in (
                    r["match_method"],
                    r["source_note"],
                    "" if ok else "ne répondait pas 200 OK en 2022-12",
                )
                if x
            )
            rows.append(
                [r["code_insee"], r["website"].strip(), host, r["match_confidence"], int(ok), note]
            )
    rows.sort(key=lambda x: (x[0], RANK[x[3]], -x[4], len(x[2]), x[1]))
    _write(
        OUT / "websites/etalab-2022.csv.gz",
        ["code", "url", "host", "confidence", "answered_2022", "note"],
        rows,
    )


def _answered(row: dict[str, str]) -> str:
    """The scheme that answered 200 OK in the 2022-12 check (https first), or ""."""
    for scheme in ("https", "http"):
        if row[f"{scheme}_status"].startswith("200"):
            return scheme
    return ""


def build_epci_websites(src: Path, epci_src: Path, known: set[str], dropped: Dropped) -> None:
    """Match the Etalab list of intercommunal hosts to EPCI SIREN by name; one row per site."""
    checks: dict[str, dict[str, str]] = {}
    with open(src / EPCI_CHECKS, encoding="utf-8") as handle:
        for line, r in enumerate(csv.DictReader(handle), start=2):
            host = r["name"].strip().lower()
            if not dropped.check(host, known, EPCI_CHECKS, line) and HOST_RE.match(host):
                checks[host] = r
    epcis = [
        EpciName(e["code"], e["nom"], e["type"])
        for e in json.loads((epci_src / "epci.json").read_text())
    ]
    towns = [c["nom"] for c in json.loads((epci_src / "communes.json").read_text())]
    matches, ambiguous = match_hosts(sorted(checks), epcis, towns=towns)
    best: dict[tuple[str, str], list[object]] = {}  # (siren, host without www.) -> row
    for m in matches:
        scheme = _answered(checks[m.host])
        note = f"nom : {m.key}" + ("" if scheme else "; ne répondait pas 200 OK en 2022-12")
        row: list[object] = [
            m.siren,
            f"{scheme or 'https'}://{m.host}/",
            m.host,
            m.confidence,
            int(bool(scheme)),
            note,
        ]
        domain = (m.siren, m.host.removeprefix("www."))
        if domain not in best or _site_rank(row) < _site_rank(best[domain]):
            best[domain] = row
    for (siren, domain), row in best.items():  # a site that sent to another site of the EPCI
        target = _redirect_domain(checks[str(row[2])])
        if target not in {"", domain} and (siren, target) in best:
            row[5] = f"{row[5]}; redirigeait vers {target} en 2022-12"
    rows = sorted(best.values(), key=lambda x: (x[0], *_site_rank(x)))
    _write(
        OUT / "websites/epci-etalab-2022.csv.gz",
        ["siren", "url", "host", "confidence", "answered_2022", "note"],
        rows,
    )
    sirens = {r[0] for r in rows}
    confidences = Counter(r[3] for r in rows)
    print(
        f"EPCI websites: {len(checks)} hosts, {len(matches)} matched, {ambiguous} ambiguous "
        f"(left out); {len(rows)} sites for {len(sirens)} of {len(epcis)} EPCI; "
        + ", ".join(f"{c} {confidences[c]}" for c in RANK)
    )
    primary = Counter(min((r for r in rows if r[0] == s), key=_site_rank)[3] for s in sirens)
    print("EPCI by confidence of their best site: " + ", ".join(f"{c} {primary[c]}" for c in RANK))


def _site_rank(row: list[object]) -> tuple[bool, int, int, bool, int]:
    """Best first: not redirecting to another of the EPCI's sites, confidence, answered 200 OK,
    "www." host, shorter host."""
    host = str(row[2])
    return (
        "redirigeait" in str(row[5]),
        RANK[str(row[3])],
        -int(str(row[4])),
        not host.startswith("www."),
        len(host),
    )


def _redirect_domain(row: dict[str, str]) -> str:
    """The host (without www.) a 3xx answer of the 2022-12 check pointed to, or ""."""
    for scheme in ("https", "http"):
        status = row[f"{scheme}_status"]
        if status[:1] == "3" and "://" in status:
            host = status.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
            return host.removeprefix("www.")
    return ""


def main() -> None:
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    codes = build_territories(shared / "decoupage-administratif")
    websites = shared / "communes-websites"
    known, dropped = source_hosts(websites), Dropped()
    build_websites(websites, codes, known, dropped)
    build_epci_websites(websites, shared / "decoupage-administratif", known, dropped)
    dropped.report()


if __name__ == "__main__":
    main()
