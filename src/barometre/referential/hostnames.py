"""Host names that cannot be a real website: two names glued together, or an unknown top-level
domain.

The Etalab list of December 2022 holds a few lines where two host names were glued without a
separator (`www.mairie20.paris.frvillaineslagonais.mairie72.fr`, `www.grandavignon.frfr`). Both
the build of the shipped registry (`scripts/build_referential.py`) and the import of a user's
file (`barometre websites import`) refuse such names with these checks. Pure: no IO but the
Public Suffix List that the `tld` package installs (a dependency of trafilatura's URL tools);
barometre ships no copy of it.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from importlib import resources

# Names reserved for tests and local networks (RFC 2606, RFC 6762, ICANN's .internal): not in
# the DNS root zone, yet a tester's file or a local server may use them.
_RESERVED_TLDS = frozenset({"test", "example", "localhost", "local", "internal"})


@cache
def known_tlds() -> frozenset[str]:
    """The top-level domains of the Public Suffix List (the copy installed with the `tld`
    package), lower case and in their ASCII (IDNA) form. The list holds every top-level domain
    of the DNS root zone: each rule's last label is one."""
    text = resources.files("tld").joinpath("res/effective_tld_names.dat.txt").read_text("utf-8")
    tlds = set()
    for line in text.splitlines():
        rule = line.strip()
        if not rule or rule.startswith("//"):
            continue
        label = rule.lstrip("!").rsplit(".", 1)[-1].lower()
        try:
            tlds.add(label.encode("idna").decode("ascii"))
        except UnicodeError:
            continue
    return frozenset(tlds)


def bare_host(host: str) -> str:
    """`host` without its leading "www.", lower case."""
    return host.strip().lower().removeprefix("www.")


def glued_parts(host: str, known: Collection[str]) -> tuple[str, str] | None:
    """The two known host names (`known` holds them without "www.") that `host` is made of,
    glued without a dot, or None.

    Only a split where both halves are known names counts: a known name followed by other text
    may be a real host (`longvilliers.fr` and `longvilliers.free.fr`).
    """
    name = bare_host(host)
    for cut in range(1, len(name)):
        head, tail = name[:cut], name[cut:]
        if "." in {head[-1], tail[0]} or head not in known:
            continue
        if bare_host(tail) in known:
            return head, tail
    return None


def unknown_tld(host: str) -> str | None:
    """The last label of `host` if it is no top-level domain (Public Suffix List) nor reserved."""
    try:
        tld = host.strip().lower().removesuffix(".").encode("idna").decode("ascii")
    except UnicodeError:
        return None  # not a DNS name: the syntax check says so
    tld = tld.rsplit(".", 1)[-1]
    if tld.isdigit() or tld in known_tlds() or tld in _RESERVED_TLDS:
        return None
    return tld


def host_defect(host: str, known: Collection[str]) -> str | None:
    """Why `host` cannot be a real website (in French), or None. `known` holds host names
    without "www." (the shipped registries, the other hosts of the file)."""
    if parts := glued_parts(host, known):
        return (
            f"nom d'hôte fait de deux noms collés sans point : « {parts[0]} » puis "
            f"« {parts[1]} » (séparez-les en deux lignes)"
        )
    if tld := unknown_tld(host):
        return f"nom d'hôte à l'extension « .{tld} » inexistante (liste publique des suffixes)"
    return None
