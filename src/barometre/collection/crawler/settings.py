"""Scrapy settings for barometre's crawl: polite defaults a city webmaster would accept.

Every value comes from `CrawlOptions` (whose defaults are the polite ones); docs/crawler.md
explains each of them.
"""

from __future__ import annotations

from typing import Any

from barometre import __version__
from barometre.collection.crawler.jobs import CrawlOptions

_PKG = "barometre.collection.crawler"


def user_agent(contact_url: str) -> str:
    return f"barometre/{__version__} (+{contact_url}; observatoire de l'e-administration locale)"


def _politeness(options: CrawlOptions) -> dict[str, Any]:
    """Who we say we are, what robots.txt allows, and how fast we may ask."""
    return {
        "BOT_NAME": "barometre",
        "USER_AGENT": user_agent(options.contact_url),
        "ROBOTSTXT_OBEY": options.obey_robots,
        "CONCURRENT_REQUESTS": options.concurrent_requests,
        "CONCURRENT_REQUESTS_PER_DOMAIN": options.per_host,
        "DOWNLOAD_DELAY": options.download_delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if options.download_delay > 0 else 0.0,
        "AUTOTHROTTLE_ENABLED": options.autothrottle and options.download_delay > 0,
        "AUTOTHROTTLE_START_DELAY": max(options.download_delay, 1.0),
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    }


def _fetching(options: CrawlOptions) -> dict[str, Any]:
    """How one request is made: limits, retries, redirects and the headers sent."""
    return {
        "DOWNLOAD_TIMEOUT": options.timeout,
        "DNS_TIMEOUT": min(options.timeout, 20.0),
        "DOWNLOAD_MAXSIZE": options.max_size,
        "DOWNLOAD_WARNSIZE": options.warn_size,
        "BAROMETRE_ROBOTS_LIMIT": options.robots_limit,
        "RETRY_ENABLED": options.retries > 0,
        "RETRY_TIMES": options.retries,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "REDIRECT_ENABLED": True,
        "REDIRECT_MAX_TIMES": 5,
        "METAREFRESH_ENABLED": True,
        "COOKIES_ENABLED": False,
        # Scrapy asks for English pages by default; a commune's site that negotiates its
        # language must serve the French pages the detector reads.
        "DEFAULT_REQUEST_HEADERS": {
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "fr-FR,fr;q=0.9",
        },
    }


def _engine(options: CrawlOptions) -> dict[str, Any]:
    """The crawl process itself: logging, no control port, the scheduler's queues."""
    return {
        # The spider yields requests only; Scrapy starts this many tasks per callback output.
        "CONCURRENT_ITEMS": 4,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # no control port opened by a crawl
        "LOG_LEVEL": options.log_level,
        "LOG_INSTALL_ROOT_HANDLER": True,
        "LOGSTATS_INTERVAL": 0,
        # Broad crawl: many sites at once, a slow site does not starve the others (the queue
        # hands out requests from the download slots with the fewest active downloads).
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "REACTOR_THREADPOOL_MAXSIZE": 20,
    }


def _guards(options: CrawlOptions) -> dict[str, Any]:
    """barometre's own network guard and middlewares, and the extensions turned off."""
    return {
        "TWISTED_DNS_RESOLVER": f"{_PKG}.network.PublicOnlyResolver",
        "BAROMETRE_ALLOW_PRIVATE": options.allow_private,
        "DOWNLOADER_MIDDLEWARES": {
            f"{_PKG}.middlewares.AddressGuardMiddleware": 60,
            # after RobotsTxtMiddleware (100): sees robots.txt responses before it
            f"{_PKG}.middlewares.CrawlDelayMiddleware": 110,
            f"{_PKG}.middlewares.RobotsUnavailableMiddleware": 105,
            # after decompression (590): a robots.txt past the parsing limit is cut there
            f"{_PKG}.robots.RobotsLimitMiddleware": 580,
            # after decompression, before the meta refresh (580): a charset that decodes no text
            f"{_PKG}.middlewares.CharsetMiddleware": 585,
            # near the downloader, after the archive (950) in the response's way: a robots.txt
            # is received up to that limit whatever its size, decompressed up to it
            f"{_PKG}.robots.RobotsStreamMiddleware": 940,
            # last before the downloader: after Ctrl-C, no request goes out
            f"{_PKG}.middlewares.StopGuardMiddleware": 990,
            # The spider keeps to each site's hosts itself (and follows platforms one hop).
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
        },
        "EXTENSIONS": {"scrapy.extensions.telnet.TelnetConsole": None},
    }


def crawl_settings(options: CrawlOptions) -> dict[str, Any]:
    settings: dict[str, Any] = {
        **_politeness(options),
        **_fetching(options),
        **_engine(options),
        **_guards(options),
    }
    if options.archive:
        # Closest to the downloader: sees the raw response (before decompression and
        # redirects), robots.txt included, and sends it with its request to be archived.
        settings["DOWNLOADER_MIDDLEWARES"][f"{_PKG}.middlewares.ExchangeMiddleware"] = 950
    handler = f"{_PKG}.network.CappedDownloadHandler"  # response headers read up to a limit
    if options.farm_address:
        handler = f"{_PKG}.network.FarmDownloadHandler"
    settings["DOWNLOAD_HANDLERS"] = {"http": handler, "https": handler}
    if options.farm_address:
        settings["BAROMETRE_FARM_ADDRESS"] = options.farm_address
    if options.close_after_pages:
        settings["CLOSESPIDER_PAGECOUNT"] = options.close_after_pages
    return settings
