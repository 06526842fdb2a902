from pathlib import Path

import pytest

from barometre.core.errors import ValidationFailed
from barometre.detection import load_platforms

SP = "https://www.service-public.fr/particuliers/vosdroits"


def test_default_platforms_match_their_signatures() -> None:
    registry = load_platforms()
    assert registry.match(f"{SP}/R1406").id == "service-public-teleservice"  # type: ignore[union-attr]
    assert registry.match(f"{SP}/F1427") is None  # an information sheet, not a teleservice
    assert registry.match("https://passeport.ants.gouv.fr/demarches").id == "ants"  # type: ignore[union-attr]
    payfip = registry.match("https://www.payfip.gouv.fr/tpa/paiementws.web?numcli=1")
    assert payfip is not None and payfip.kind == "payment" and payfip.level == 4
    assert registry.match("https://www.ville-exemple.fr/etat-civil") is None
    assert registry.match("not a url") is None


def test_a_link_to_an_r_number_names_its_service() -> None:
    platform = load_platforms().match(f"{SP}/R16396")
    assert platform is not None
    assert platform.services_for(f"{SP}/R16396") == ("listes-electorales",)


def test_link_text_recognises_a_vendor_hosted_gnau() -> None:
    registry = load_platforms()
    found = registry.match_link("https://urba.vendeur.example/x", "Déposer sur le GNAU")
    assert found is not None and found.id == "gnau"


def test_a_user_file_extends_and_overrides_the_defaults(tmp_path: Path) -> None:
    own = tmp_path / "platforms.yaml"
    own.write_text(
        "version: 1\nplatforms:\n"
        "  - {id: monrdv, name: Mon RDV, kind: appointment, level: 3, hosts: [monrdv.example]}\n"
        "  - {id: payfip, name: PayFiP local, kind: payment, level: 4, hosts: [pay.example]}\n",
        encoding="utf-8",
    )
    registry = load_platforms(own)
    assert registry.match("https://www.monrdv.example/ville").id == "monrdv"  # type: ignore[union-attr]
    assert registry.match("https://pay.example/").name == "PayFiP local"  # type: ignore[union-attr]
    assert registry.match("https://www.payfip.gouv.fr/tpa/x") is None  # replaced by the user's
    assert registry.match("https://passeport.ants.gouv.fr/") is not None  # defaults kept
    alone = load_platforms(own, extend_defaults=False)
    assert alone.match("https://passeport.ants.gouv.fr/") is None


def test_an_invalid_file_lists_every_problem_in_french(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nplatforms:\n  - {id: X, name: x, kind: teleport, level: 9}\n"
        "  - {id: ok, name: ok, kind: payment, level: 4, paths: ['(']}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as raised:
        load_platforms(bad)
    assert "Fichier de plateformes invalide" in str(raised.value)
    assert len(raised.value.problems) >= 3
    with pytest.raises(ValidationFailed):
        load_platforms(tmp_path / "missing.yaml")
