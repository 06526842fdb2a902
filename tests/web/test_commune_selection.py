"""The campaign's selection of communes as the methodology page gives it (`commune_selection`):
a list of codes is cut after a whole code, never inside one."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometre.referential.services.campaigns import campaign_create
from barometre.web.templatetags.web_tags import commune_selection
from tests.factories import CommuneFactory


def test_a_long_list_of_codes_is_cut_after_a_whole_code() -> None:
    """`truncatechars:80` cut « 75056,13055,… » inside its 14th code (« 10013,1… »): a code
    no commune has, read as part of the selection."""
    codes = [str(10000 + i) for i in range(30)]
    shown = commune_selection(",".join(codes))
    assert len(shown) <= 100 and shown.endswith(", …"), shown
    assert all(code in codes for code in shown.removesuffix(", …").split(", ")), shown


def test_a_short_list_is_whole_with_a_space_after_each_comma() -> None:
    assert commune_selection("44109,35238") == "44109, 35238"
    assert commune_selection("top:100") == "top:100"
    assert commune_selection("") == ""


@pytest.mark.django_db
def test_a_file_of_codes_is_shown_as_its_codes_never_as_its_path(client, tmp_path: Path) -> None:
    """`campaign create --communes /home/coordinatrice/…/codes.txt` stored that path, and the
    methodology page and the API gave it to every reader: a path of the coordinator's machine,
    private and meaningless. They give the campaign's codes, a selection one can type again."""
    for code in ("90002", "90001", "90003"):
        CommuneFactory(code=code)
    codes = tmp_path / "prive-coordinatrice" / "codes.txt"
    codes.parent.mkdir()
    codes.write_text("code\n90002\n90001\n", encoding="utf-8")
    campaign_create(name="fichier", spec=str(codes))
    campaign_create(name="liste", spec="90003,90001")
    campaign_create(name="plus", spec="top:2")
    page = client.get("/campagne/fichier/methodologie/").content.decode()
    assert "prive-coordinatrice" not in page
    assert "<code>90001, 90002</code>" in page
    api = client.get("/api/v1/campaigns/fichier").json()
    assert api["selection"] == "90001,90002"
    listed = {c["name"]: c["selection"] for c in client.get("/api/v1/campaigns").json()["results"]}
    assert listed == {"fichier": "90001,90002", "liste": "90003,90001", "plus": "top:2"}
    assert (
        "<code>90003, 90001</code>" in client.get("/campagne/liste/methodologie/").content.decode()
    )
