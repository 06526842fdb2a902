import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.core.errors import ValidationFailed
from barometre.referential import shipped_names as names
from barometre.referential.models import Website
from barometre.referential.services import websites as websites_module
from barometre.referential.services import websites_import
from barometre.referential.services.websites import websites_load
from tests.factories import CommuneFactory


@pytest.fixture
def paris(db):
    commune = CommuneFactory(code="75056", name="Paris")
    Website.objects.create(
        commune=commune,
        url="https://www.paris.fr",
        host="www.paris.fr",
        confidence="high",
        source=Website.Source.ETALAB_2022,
        is_primary=True,
    )
    return commune


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_adds_a_primary_site_and_deactivates_a_wrong_one(paris, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "commune_code,url,primary,active,note\n"
        "75056,https://demarches.paris.fr,true,,portail\n"
        "75056,https://www.paris.fr,,false,ancien\n",
    )
    summary = websites_import(path=path, now=timezone.now())
    assert (summary.added, summary.updated) == (1, 1)
    primary = Website.objects.get(commune=paris, is_primary=True)
    assert primary.url == "https://demarches.paris.fr"
    assert primary.source == Website.Source.USER
    assert not Website.objects.get(url="https://www.paris.fr").active


def test_bad_rows_refuse_the_whole_file(paris, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "commune_code;url;primary\n75056;https://ok.paris.fr;\n99999;https://x.fr;\n"
        "75056;ftp://paris.fr;\n75056;https://y.paris.fr;peut-être\n",
    )
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    assert [p.split(" :")[0] for p in error.value.problems] == ["ligne 3", "ligne 4", "ligne 5"]
    assert Website.objects.count() == 1


def test_missing_columns_and_bad_encoding(paris, tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="Colonnes manquantes"):
        websites_import(path=write(tmp_path, "code,site\n75056,https://a.fr\n"), now=timezone.now())
    latin = tmp_path / "latin.csv"
    latin.write_bytes("commune_code,url,note\n75056,https://a.fr,mairie é\n".encode("latin-1"))
    with pytest.raises(ValidationFailed, match="UTF-8") as error:
        websites_import(path=latin, now=timezone.now())
    assert "enregistrez-le en «\u00a0CSV UTF-8\u00a0»" in error.value.problems[0]  # what to do


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("75056,https://www.paris.fr:99999/", "port ou adresse hors norme"),
        (f"75056,https://www.paris.fr/{'a' * 10_000}", "URL de 10021 caractères (au plus 500)"),
        ("75056,https://www.paris.fr/\x00", "caractère de contrôle"),
        ("75056,https://www.paris.fr/,,,note,de trop", "valeurs hors colonnes refusées"),
        (f"75056,https://www.paris.fr/,,,{'n' * 301}", "note de 301 caractères"),
        ("75056,https://..", "sans nom d'hôte valide"),
        ("75056,https://-.-/", "sans nom d'hôte valide"),
        ("75056,https://www.paris.fr:0/", "port 0"),
        ("75056,https://moi:secret@www.paris.fr/", "identifiant ou un mot de passe"),
        # a spreadsheet's « www.paris.fr » said « URL non http(s) », an empty cell « URL non
        # http(s) : «  » »: the first is given back with its scheme, the second named
        (
            "75056,www.paris.fr",
            "sans http:// ni https://\u00a0: «\u00a0www.paris.fr\u00a0» (écrivez «\u00a0https://www.paris.fr\u00a0»",
        ),
        ("75056,paris.fr/mairie", "(écrivez «\u00a0https://paris.fr/mairie\u00a0»"),
        ("75056,mailto:mairie@paris.fr", "URL non http(s)\u00a0: «\u00a0mailto:"),
        ("75056,", "URL vide"),
    ],
)
def test_urls_no_database_or_crawler_can_take_are_refused_at_import(
    paris, tmp_path: Path, row: str, reason: str
) -> None:
    path = write(tmp_path, f"commune_code,url,primary,active,note\n{row}\n")
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    assert len(error.value.problems) == 1
    assert error.value.problems[0].startswith("ligne 2 : ") and reason in error.value.problems[0]
    assert Website.objects.count() == 1


def test_columns_named_twice_or_unknown_are_refused(paris, tmp_path: Path) -> None:
    doubled = write(tmp_path, "commune_code,url,url\n75056,https://a.paris.fr,https://b.fr\n")
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=doubled, now=timezone.now())
    assert error.value.problems == ["ligne 1 : colonne « url » en double"]
    french = write(tmp_path, "commune_code,url,primaire,actif\n75056,https://a.paris.fr,oui,non\n")
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=french, now=timezone.now())
    assert [p.split(" (")[0] for p in error.value.problems] == [
        "ligne 1 : colonne inconnue « primaire »",
        "ligne 1 : colonne inconnue « actif »",
    ]
    assert Website.objects.count() == 1


def test_a_site_spelt_with_or_without_its_final_slash_is_one_site(paris, tmp_path: Path) -> None:
    path = write(tmp_path, "commune_code,url,note\n75056,https://www.paris.fr/,vérifié\n")
    summary = websites_import(path=path, now=timezone.now())
    assert (summary.added, summary.updated) == (0, 1)
    (site,) = Website.objects.all()
    assert (site.url, site.note) == ("https://www.paris.fr", "vérifié")


def test_lines_are_the_files_after_a_field_on_two_lines(paris, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'commune_code,url,note\n75056,https://a.paris.fr,"sur\ndeux lignes"\n\n'
        "99999,https://x.fr,\n",
    )
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    assert error.value.problems[0].startswith("ligne 5 : commune inconnue")


def test_an_unclosed_quote_is_refused_with_its_line(paris, tmp_path: Path) -> None:
    path = write(tmp_path, 'commune_code,url,note\n75056,https://a.paris.fr,"note\n')
    with pytest.raises(ValidationFailed, match="ligne 2 : CSV mal formé"):
        websites_import(path=path, now=timezone.now())


def test_a_code_without_its_leading_zero_is_understood(paris, tmp_path: Path) -> None:
    CommuneFactory(code="06088", name="Nice")
    websites_import(
        path=write(tmp_path, "commune_code,url\n6088,https://www.nice.fr\n"), now=timezone.now()
    )
    assert Website.objects.get(commune_id="06088").host == "www.nice.fr"


def test_a_nul_byte_in_a_siren_is_an_unknown_epci_on_every_database(paris, tmp_path: Path) -> None:
    path = write(tmp_path, "siren,url\n2000\x0046,https://www.agglo.fr\n")
    with pytest.raises(ValidationFailed, match="ligne 2 : EPCI inconnu"):
        websites_import(path=path, now=timezone.now())


def test_repeated_unknown_communes_are_grouped(paris, tmp_path: Path) -> None:
    rows = "".join(f"9900{n},https://site{n}.fr\n" for n in range(4))
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=write(tmp_path, "commune_code,url\n" + rows), now=timezone.now())
    assert error.value.problems == [
        "4 communes inconnues du référentiel : 99000, 99001, 99002, 99003 — 4 lignes : 2, 3, 4, 5"
    ]


def test_two_primary_sites_for_one_commune_are_refused(paris, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "commune_code,url,primary\n75056,https://a.paris.fr,oui\n75056,https://b.paris.fr,oui\n",
    )
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    assert error.value.problems == [
        "ligne 3 : deuxième site principal pour « 75056 » (déjà à la ligne 2)"
    ]
    assert Website.objects.count() == 1


def test_one_site_listed_twice_for_a_commune_is_refused(paris, tmp_path: Path) -> None:
    """Two rows for the same site (with or without the slash of an empty path) would leave the
    note and the active flag of whichever row comes last, without a word: refused, as two
    primary sites are. The same site for two communes is two sites."""
    path = write(
        tmp_path,
        "commune_code,url,active,note\n"
        "75056,https://www.paris.fr/,oui,site officiel\n"
        "75056,https://www.paris.fr,non,ancienne adresse\n",
    )
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    assert error.value.problems == [
        "ligne 3 : site « https://www.paris.fr » déjà donné ligne 2 pour « 75056 »"
    ]
    site = Website.objects.get()
    assert (site.active, site.note, site.source) == (True, "", Website.Source.ETALAB_2022)
    CommuneFactory(code="75101", name="Paris 1er")
    path = write(
        tmp_path, "commune_code,url\n75056,https://www.paris.fr\n75101,https://www.paris.fr\n"
    )
    assert websites_import(path=path, now=timezone.now()).added == 1


def test_loading_the_registry_again_keeps_a_users_correction(
    db, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`barometre init --force` reads the shipped registry again: a site the user imported
    (here one the registry lists too, chosen as primary with a note) stays as the user wrote
    it, and stays the only primary site."""
    CommuneFactory(code="75056", name="Paris")
    registry = (
        "code,url,host,confidence,note\n"
        "75056,https://www.paris.fr,www.paris.fr,high,\n"
        "75056,https://paris.fr,paris.fr,medium,\n"
    )
    files = {
        names.WEBSITES_ETALAB: gzip.compress(registry.encode()),
        names.WEBSITES_CURATED: b"code,url,primary,note\n",
    }
    monkeypatch.setattr(websites_module, "read_bytes", lambda name: files[name])
    websites_load(now=timezone.now(), force=True)
    assert Website.objects.get(is_primary=True).url == "https://www.paris.fr"
    websites_import(
        path=write(tmp_path, "commune_code,url,primary,note\n75056,https://paris.fr,oui,choisi\n"),
        now=timezone.now(),
    )
    websites_load(now=timezone.now(), force=True)
    rows = Website.objects.order_by("url").values_list("url", "is_primary", "source", "note")
    assert list(rows) == [
        ("https://paris.fr", True, "user", "choisi"),
        ("https://www.paris.fr", False, "etalab-2022", ""),
    ]


def test_a_registry_row_the_new_registry_left_out_is_removed_on_reload(
    db, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A database loaded with the 2022 registry as first shipped kept Paris's glued host after
    the rebuild left it out: loading the new registry removes it, not a user's row."""
    CommuneFactory(code="75056", name="Paris")
    glued = "mairie20.paris.frvillaineslagonais.mairie72.fr"
    header = "code,url,host,confidence,note\n"
    paris = "75056,https://www.paris.fr,www.paris.fr,high,\n"
    files = {
        names.WEBSITES_ETALAB: gzip.compress(
            (header + paris + f"75056,http://{glued},{glued},low,\n").encode()
        ),
        names.WEBSITES_CURATED: b"code,url,primary,note\n",
    }
    monkeypatch.setattr(websites_module, "read_bytes", lambda name: files[name])
    websites_load(now=timezone.now(), force=True)
    websites_import(
        path=write(tmp_path, "commune_code,url\n75056,https://mairie20.paris.fr\n"),
        now=timezone.now(),
    )
    assert Website.objects.filter(host=glued).exists()
    files[names.WEBSITES_ETALAB] = gzip.compress((header + paris).encode())
    websites_load(now=timezone.now(), force=False)  # a new file: loaded again
    assert sorted(Website.objects.values_list("host", "source")) == [
        ("mairie20.paris.fr", "user"),
        ("www.paris.fr", "etalab-2022"),
    ]


def test_the_import_says_for_how_many_communes_the_primary_site_changed(
    paris, tmp_path: Path
) -> None:
    CommuneFactory(code="69123", name="Lyon")
    path = write(
        tmp_path,
        "commune_code,url,primary\n"
        "75056,https://nouveau.paris.fr,oui\n"  # replaces www.paris.fr
        "75056,https://www.paris.fr,\n"
        "69123,https://www.lyon.fr,\n",  # a first site, not chosen as primary
    )
    out = StringIO()
    call_command("websites", "import", str(path), stdout=out)
    assert out.getvalue().strip() == (
        "Sites web de communes : 2 ajoutés, 1 mis à jour ; site principal changé pour 1 commune."
    )
    again = StringIO()
    call_command("websites", "import", str(path), stdout=again)  # the same file: no change
    assert again.getvalue().strip() == (  # « 0 ajouté »: French counts 0 and 1 in the singular
        "Sites web de communes : 0 ajouté, 0 mis à jour, 3 déjà à jour ; site principal "
        "changé pour 0 commune."
    )
    one = write(tmp_path, "commune_code,url\n69123,https://demarches.lyon.fr\n")
    single = StringIO()
    call_command("websites", "import", str(one), stdout=single)
    assert single.getvalue().startswith("Sites web de communes : 1 ajouté, 0 mis à jour")
    assert Website.objects.filter(is_primary=True).count() == 1


def test_a_tab_separated_file_is_read_as_such(paris, tmp_path: Path) -> None:
    """Cells copied from a spreadsheet into a text file are separated by tabs: the header says
    so, and a comma or a quoted tab inside a note stays in it."""
    path = write(
        tmp_path,
        'commune_code\turl\tprimary\tnote\n75056\thttps://demarches.paris.fr\ttrue\t"portail,\tneuf"\n',
    )
    summary = websites_import(path=path, now=timezone.now())
    assert (summary.added, summary.updated) == (1, 0)
    site = Website.objects.get(commune=paris, is_primary=True)
    assert (site.url, site.note) == ("https://demarches.paris.fr", "portail,\tneuf")


@pytest.mark.parametrize("text", ["", "\ufeff\n", " ; \n75056;https://a.fr\n"])
def test_an_empty_file_or_one_without_a_header_is_said_so(paris, tmp_path: Path, text: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=write(tmp_path, text), now=timezone.now())
    assert error.value.problems == [
        "ligne 1 : fichier vide ou sans en-tête (la première ligne doit nommer les colonnes : "
        "commune_code ou siren, url)"
    ]


@pytest.mark.parametrize("text", ["commune_code,url\n", "siren,url,primary\r\n\r\n"])
def test_a_header_with_no_site_is_refused(paris, tmp_path: Path, text: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=write(tmp_path, text), now=timezone.now())
    assert error.value.problems == ["ligne 1 : en-tête seul, aucune ligne de sites"]


def test_a_host_glued_to_another_is_refused_at_import(paris, tmp_path: Path) -> None:
    """The Etalab list of 2022 glued `mairie20.paris.fr` and `villaineslagonais.mairie72.fr`:
    a user's file with such a host is refused, whether the halves are in the database or in
    the file."""
    villaines = CommuneFactory(code="72375", name="Villaines-la-Gonais")
    for commune, host in (
        (paris, "mairie20.paris.fr"),
        (villaines, "villaineslagonais.mairie72.fr"),
    ):
        Website.objects.create(
            commune=commune,
            url=f"http://{host}",
            host=host,
            confidence="low",
            source=Website.Source.ETALAB_2022,
        )
    path = write(
        tmp_path,
        "commune_code,url\n"
        "75056,https://www.mairie20.paris.frvillaineslagonais.mairie72.fr\n"
        "75056,https://mairie10.paris.frmairie20.paris.fr/\n"
        "75056,https://www.paris.frfr/\n"
        "75056,https://mairie10.paris.fr/\n",
    )
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    assert error.value.problems == [
        # both halves are in the database
        "ligne 2 : nom d'hôte fait de deux noms collés sans point : « mairie20.paris.fr » puis "
        "« villaineslagonais.mairie72.fr » (séparez-les en deux lignes)",
        # the first half is in the file itself
        "ligne 3 : nom d'hôte fait de deux noms collés sans point : « mairie10.paris.fr » puis "
        "« mairie20.paris.fr » (séparez-les en deux lignes)",
        "ligne 4 : nom d'hôte à l'extension « .frfr » inexistante (liste publique des suffixes)",
    ]
    assert Website.objects.count() == 3


def test_a_workbook_is_named_as_one_with_the_csv_to_save(paris, tmp_path: Path) -> None:
    """A websites list saved as .xlsx or .ods was refused as « Fichier non UTF-8 »."""
    from tests.assessments.test_import_export import _workbooks

    for path in _workbooks(tmp_path).values():
        with pytest.raises(ValidationFailed) as error:
            websites_import(path=path, now=timezone.now())
        (said,) = error.value.problems
        assert "pas un fichier CSV\u00a0: enregistrez-le en «\u00a0CSV UTF-8\u00a0»" in said, said
    assert Website.objects.count() == 1


def test_a_file_separated_by_pipes_says_which_separator_it_found(paris, tmp_path: Path) -> None:
    """It answered « Colonnes manquantes : commune_code (ou siren pour un EPCI), url », two
    columns the file has."""
    path = write(tmp_path, "commune_code|url\n75056|https://www.paris.fr\n")
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    assert error.value.problems == [
        "en-tête\u00a0: une seule colonne, «\u00a0commune_code|url\u00a0»\u00a0: les colonnes y "
        "sont séparées par «\u00a0|\u00a0», que l'import ne lit pas\u00a0; séparez-les par des "
        "virgules («\u00a0,\u00a0»), ou par des points-virgules («\u00a0;\u00a0») ou des "
        "tabulations"
    ]


def test_a_url_in_capitals_or_with_a_fragment_is_the_known_site(paris, tmp_path: Path) -> None:
    """« HTTPS://WWW.PARIS.FR/ » and « https://www.paris.fr#haut » were added as two more sites
    of Paris beside https://www.paris.fr: a scheme and a host have no case, and a fragment names
    a place in a page, not another site."""
    path = write(tmp_path, "commune_code,url,note\n75056,HTTPS://WWW.PARIS.FR/#haut,vérifié\n")
    summary = websites_import(path=path, now=timezone.now())
    assert (summary.added, summary.updated) == (0, 1)
    assert list(Website.objects.values_list("url", "note")) == [("https://www.paris.fr", "vérifié")]
    added = write(tmp_path, "commune_code,url\n75056,HTTPS://Demarches.Paris.fr/Accueil#x\n")
    websites_import(path=added, now=timezone.now())
    assert Website.objects.filter(url="https://demarches.paris.fr/Accueil").exists()
    twice = write(
        tmp_path, "commune_code,url\n75056,https://a.paris.fr\n75056,HTTPS://A.PARIS.FR\n"
    )
    with pytest.raises(ValidationFailed, match="déjà donné ligne 2"):
        websites_import(path=twice, now=timezone.now())
