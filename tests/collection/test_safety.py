import pytest

from barometre.collection.crawler.network import AddressRefused, PublicOnlyResolver
from barometre.collection.crawler.safety import address_refusal, url_refusal


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/admin",
        "https://192.168.0.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata: link-local
        "http://[::1]:8080/",
        "http://[fe80::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0/",
        "http://localhost:8000/",
        "http://intranet.localhost/",
    ],
)
def test_private_and_local_targets_are_refused(url: str) -> None:
    assert url_refusal(url, allow_private=False) is not None
    assert url_refusal(url, allow_private=True) is None


@pytest.mark.parametrize("url", ["ftp://ville.fr/", "file:///etc/passwd", "gopher://x/", "data:,x"])
def test_only_http_and_https(url: str) -> None:
    refusal = url_refusal(url, allow_private=True)
    assert refusal is not None and "schéma" in refusal


def test_public_urls_pass_without_dns() -> None:
    assert url_refusal("https://www.ville-exemple.fr/demarches", allow_private=False) is None
    assert url_refusal("http://93.184.216.34/", allow_private=False) is None


def test_resolved_addresses_are_judged_after_dns() -> None:
    resolver = PublicOnlyResolver.__new__(PublicOnlyResolver)
    resolver.allow_private = False
    assert resolver._judge("93.184.216.34", "www.ville.fr") == "93.184.216.34"
    with pytest.raises(AddressRefused, match="privée"):
        resolver._judge("10.0.0.7", "rebinding.example")
    with pytest.raises(AddressRefused):
        resolver._judge("127.0.0.1", "www.ville.fr")
    resolver.allow_private = True
    assert resolver._judge("10.0.0.7", "farm.test") == "10.0.0.7"


def test_address_refusal_names_the_kind() -> None:
    assert "lien-local" in (address_refusal("169.254.1.1", allow_private=False) or "")
    assert "bouclage" in (address_refusal("127.0.0.2", allow_private=False) or "")


def test_the_resolver_refuses_what_dns_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    from scrapy.resolver import CachingThreadedResolver
    from twisted.internet import defer

    answers = {"rebinding.example": "10.0.0.5", "www.ville.fr": "93.184.216.34"}
    monkeypatch.setattr(
        CachingThreadedResolver,
        "getHostByName",
        lambda self, name, timeout=(): defer.succeed(answers[name]),
    )
    resolver = PublicOnlyResolver.__new__(PublicOnlyResolver)
    resolver.allow_private = False
    results: list[object] = []
    resolver.getHostByName("www.ville.fr").addCallback(results.append)
    resolver.getHostByName("rebinding.example").addErrback(lambda f: results.append(f.value))
    assert results[0] == "93.184.216.34"
    assert isinstance(results[1], AddressRefused) and "10.0.0.5" in str(results[1])


def test_polite_defaults() -> None:
    from barometre.collection.crawler.jobs import CrawlOptions
    from barometre.collection.crawler.settings import crawl_settings

    settings = crawl_settings(CrawlOptions(campaign="c", contact_url="https://exemple.test/robot"))
    assert settings["ROBOTSTXT_OBEY"] is True
    assert (
        settings["USER_AGENT"].startswith("barometre/")
        and "+https://exemple.test/robot" in settings["USER_AGENT"]
    )
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
    assert settings["DOWNLOAD_DELAY"] == 1.0 and settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["DOWNLOAD_MAXSIZE"] == 5 * 1024 * 1024 and settings["DOWNLOAD_TIMEOUT"] == 30.0
    assert settings["RETRY_TIMES"] == 2 and settings["REDIRECT_ENABLED"] is True
    assert settings["TWISTED_DNS_RESOLVER"].endswith("network.PublicOnlyResolver")
    assert settings["BAROMETRE_ALLOW_PRIVATE"] is False
    assert (
        settings["TELNETCONSOLE_ENABLED"] is False and settings["REMOTE_CONTROL_ENABLED"] is False
    )
    assert settings["SCHEDULER_PRIORITY_QUEUE"] == "scrapy.pqueues.DownloaderAwarePriorityQueue"
