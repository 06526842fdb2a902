"""One reader of English messages through a table of patterns (core.french_reasons), for the
crawler's, the database's and Redis's messages alike."""

from __future__ import annotations

import re

from barometre.collection.crawler.failures import invalid_url_detail
from barometre.core.french_reasons import Reasons, french_reason

REASONS: Reasons = (
    (re.compile(r"^Missing scheme: (?P<value>.*)$"), "schéma manquant\u00a0: {value}"),
    (re.compile(r"port (?P<port>\d+)(?: on (?P<host>\S+))?"), "port {port} ({host})"),
)


def test_the_named_groups_are_cut_when_asked_and_empty_when_unused() -> None:
    long = "javascript:" + "x" * 500
    assert french_reason(REASONS, f"Missing scheme: {long}", "?", longest=150) == (
        f"schéma manquant\u00a0: {long[:150]}"
    )
    assert (
        french_reason(REASONS, f"Missing scheme: {long}", "?") == f"schéma manquant\u00a0: {long}"
    )
    assert french_reason(REASONS, "port 8 refused", "?") == "port 8 ()"  # not « (None) »
    assert french_reason(REASONS, "nothing known", "inconnu") == "inconnu"


def test_the_crawler_reads_an_invalid_address_through_the_shared_reader() -> None:
    """failures.py had its own loop over its patterns, the same as french_reason's but for the
    150 characters it kept of the quoted address: one reader now, the cut kept."""
    value = "javascript:" + "y" * 400
    assert invalid_url_detail(f"Missing scheme in request url: {value}") == (
        f"schéma manquant ou refusé\u00a0: {value[:150]}"
    )
    assert invalid_url_detail("Port could not be cast to integer value as 'abc'") == (
        "port non numérique\u00a0: abc"
    )
    assert invalid_url_detail("Invalid URL: something new") == ""
    # w3lib 2.6's refusal of a host such as "fichiers\x00.test" (a redirect's Location)
    message = "'fichiers\x00.test' contains a forbidden domain code point"
    assert invalid_url_detail(message) == "caractère interdit dans le nom d'hôte"


def test_a_commune_with_many_websites_keeps_each_ones_reason_whole() -> None:
    """A commune's reason names each of its websites that failed: Paris's 19 were cut at 500
    characters in the middle of a word (« … robots.txt injoignable (connexion r »), the
    summary's line ending there, without saying how many more had failed."""
    from barometre.collection.crawler.failures import start_failure
    from barometre.collection.crawler.jobs import CrawlSite, FetchFailed

    urls = [f"https://mairie{n:02}.paris.fr/" for n in range(1, 20)]
    site = CrawlSite(key="75056", start_urls=tuple(urls))
    why = "robots.txt injoignable (connexion refusée)\u00a0: exploration interdite (RFC 9309)"
    reasons = ""
    for url in urls:
        reasons = start_failure(reasons, FetchFailed(site="75056", url=url, reason=why), site)
    assert len(reasons) <= 500, len(reasons)  # what a site's record keeps
    *entries, more = reasons.split("\u00a0; ")
    assert all(e.endswith(why) and e.startswith("https://mairie") for e in entries), entries
    assert more == f"et {len(urls) - len(entries)} autres adresses en échec", reasons
