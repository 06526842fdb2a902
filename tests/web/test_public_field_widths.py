"""The choices of the public pages a collectivité's manager reads, sized as DSFR forms size them:
the campaign of a commune's page and the level of a service's page stretched across the whole
page at 1280 px, for a name or a level of a few words."""

from __future__ import annotations

from tests.web.form_widths import full_width_fields


def test_the_commune_and_service_choices_are_not_full_width(client, site) -> None:
    commune = client.get("/commune/35238/?campagne=apres").content.decode()
    assert 'id="choix-campagne"' in commune
    slug = site.after.catalogue.services.order_by("position").first().slug
    service = client.get(f"/campagne/apres/service/{slug}/").content.decode()
    assert 'id="f-niveau"' in service
    assert full_width_fields(commune) == full_width_fields(service) == []
