"""A commune's levels in a campaign, with their evidence, download as CSV from its page (the
page offered a PDF only; the campaign's open data hold every commune)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, assessment_override

pytestmark = pytest.mark.database


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_a_commune_s_levels_and_evidence_download_as_csv(client, site) -> None:
    page = client.get("/commune/44109/?campagne=apres").content.decode()
    assert 'href="/commune/44109/apres.csv">Niveaux et preuves (CSV)</a>' in page
    rows = _rows(client.get("/commune/44109/apres.csv"))
    assert rows[0] == [
        "campagne",
        "code commune",
        "commune",
        "identifiant du service",
        "service",
        "domaine",
        "niveau",
        "nom du niveau",
        "niveau maximal du service",
        "origine",
        "preuve",
        "page archivée",
        "décidé par",
        "décidé le (UTC)",
        "justification",
        "niveau proposé",
        "proposition sans objet",
        "confiance de la proposition",
    ]
    assert len(rows) - 1 == Cell.objects.filter(campaign=site.after, commune="44109").count()
    first = rows[1]  # the automatic proposal with its archived page
    # whose figure each row is, so that rows copied elsewhere keep it
    assert first[:4] == ["apres", "44109", site.auto_cell.commune.name, site.auto_cell.service.slug]
    assert first[4] == site.auto_cell.service.label
    assert first[6:8] == ["3", "interaction bidirectionnelle"]
    assert first[10:12] == [
        "http://127.0.0.1:9/etat-civil",
        f"http://testserver/preuve/{site.record.pk}/",
    ]
    # who decided and when, as the commune PDF says (the file said neither)
    assert first[12] == "barometre" and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first[13])
    authors = {row[12] for row in rows[1:]}
    assert authors <= {"barometre", "import", "auditeur 1", "auditeur 2"}, authors


@pytest.mark.parametrize(
    "address",
    [
        "/commune/44109/apres.csv",
        "/campagne/apres/classement/?format=csv",
        "/campagne/apres/tableau/ranking.csv",
    ],
)
def test_a_demonstration_campaign_s_csv_rows_say_they_are_made_up(client, site, address) -> None:
    """The page says it in a banner; rows copied out of its file said nothing (the open
    data's `demonstration` column did)."""
    assert "données de démonstration" not in _rows(client.get(address))[0]
    site.after.is_demo = True
    site.after.save(update_fields=["is_demo"])
    rows = _rows(client.get(address))
    assert rows[0][-1] == "données de démonstration"
    assert {row[-1] for row in rows[1:]} == {"oui (pas une mesure réelle)"}


def test_a_commune_outside_the_campaign_or_an_unknown_campaign_is_a_404(client, site) -> None:
    assert client.get("/commune/44109/inconnue.csv").status_code == 404
    assert client.get("/commune/99999/apres.csv").status_code == 404
    site.after.cells.filter(commune="29019").delete()
    assert client.get("/commune/29019/apres.csv").status_code == 404


def test_a_cell_coded_blind_is_left_out_for_its_coder(client, site, users) -> None:
    coder, other = users["auditeur"], users["coordinateur"]
    codings_assign(
        cells=[site.auto_cell], auditors=[coder, other], size=1, seed=1, now=timezone.now()
    )
    client.force_login(coder)
    rows = _rows(client.get("/commune/44109/apres.csv"))
    assert site.auto_cell.service.label not in {row[4] for row in rows}
    assert len(rows) - 1 == Cell.objects.filter(campaign=site.after, commune="44109").count() - 1


def test_a_reviewed_cell_gives_its_justification_and_the_proposal_its_auditor_saw(
    client, site, users
) -> None:
    """The commune page shows both; the file gave neither (the open data's proposed_*
    columns did), with the open data's rule: empty for the other origins."""
    proposed = Cell.objects.exclude(pk=site.auto_cell.pk).get(
        campaign=site.after, commune_id="44109"
    )
    assessment_override(
        cell=proposed,
        user=users["auditeur"],
        seen=proposed.assessment_id,
        decision=Decision(
            level=2,
            not_applicable=False,
            justification="Formulaire trouvé.",
            evidence_url="https://nantes.example/formulaire",
        ),
        now=timezone.now(),
    )
    rows = _rows(client.get("/commune/44109/apres.csv"))
    assert rows[0][14:18] == [
        "justification",
        "niveau proposé",
        "proposition sans objet",
        "confiance de la proposition",
    ]
    by_service = {row[3]: row for row in rows[1:]}
    assert by_service[proposed.service.slug][6] == "2"
    assert by_service[proposed.service.slug][14:18] == ["Formulaire trouvé.", "0", "non", "0,80"]
    assert by_service[site.auto_cell.service.slug][14:18] == ["", "", "", ""]
