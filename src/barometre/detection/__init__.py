"""Detection: pure functions from a page to services, signals and a proposed level.

    from barometre.detection import Page, analyse_page, site_levels, load_platforms
    analysis = analyse_page(Page(url=..., html=...), catalogue=..., platforms=load_platforms())

No ORM, no network, no clock. See docs/detection.md.
"""

from barometre.detection.analyse import analyse_page
from barometre.detection.model import (
    LEVEL_NAMES,
    Link,
    Page,
    PageAnalysis,
    ServiceMatch,
    Signal,
    SiteServiceLevel,
)
from barometre.detection.platforms import Platform, PlatformRegistry, load_platforms
from barometre.detection.site import site_levels

__all__ = [
    "LEVEL_NAMES",
    "Link",
    "Page",
    "PageAnalysis",
    "Platform",
    "PlatformRegistry",
    "ServiceMatch",
    "Signal",
    "SiteServiceLevel",
    "analyse_page",
    "load_platforms",
    "site_levels",
]
