"""The truth is what a polite crawler can see: checked by walking every site offline."""

from __future__ import annotations

from barometre.farm import Farm
from barometre.farm.walk import walk_site


def test_truth_matches_what_a_polite_walk_sees(farm: Farm) -> None:
    decoys = dead = disallowed = 0
    for site in farm.sites:
        walk = walk_site(farm, site)
        visible = walk.visible_levels()
        for service in farm.services:
            assert visible.get(service, 0) == farm.truth[(site.code, service)], (site.host, service)
        assert walk.seen_decoys() == []
        decoys += sum(len(r.decoy) for r in farm.routes[site.host].values())
        dead += len(walk.dead_urls)
        disallowed += len(walk.disallowed)
    # the farm does hold evidence a polite crawler must not use, and dead links
    assert decoys > 10 and dead > 30 and disallowed > 5


def test_a_walk_that_ignored_robots_would_see_decoys(farm: Farm) -> None:
    site = next(s for s in farm.sites if "robots-decoy" in s.quirks)
    decoy_pages = [
        p for p, r in farm.routes[site.host].items() if r.decoy and p.startswith("/espace-agents/")
    ]
    assert decoy_pages
    walk = walk_site(farm, site)
    assert any(url.endswith(decoy_pages[0]) for url in walk.disallowed) or any(
        url.endswith("/espace-agents/") for url in walk.disallowed
    )


def test_walk_reaches_outside_platforms_in_one_hop(farm: Farm) -> None:
    outside = {
        p.url.split("/")[2] for s in farm.sites for p in walk_site(farm, s).pages if p.outside
    }
    assert {"www.service-public.fr", "www.payfip.gouv.fr", "demarche.numerique.gouv.fr"} <= outside


def test_forms_hidden_by_robots_lower_the_truth_and_nothing_else_does(farm: Farm) -> None:
    hiding = {site.code for site in farm.sites if "robots-hides-form" in site.quirks}
    lowered = [key for key, level in farm.truth.items() if level != farm.intended[key]]
    assert lowered, "the farm should hide at least one online form behind robots.txt"
    for key in lowered:
        assert key[0] in hiding
        assert farm.truth[key] < farm.intended[key]
