"""`websites import --dry-run` says what an import would change and writes nothing;
`websites export` writes a file that the import reads back, which puts the sites back as they
were before a wrong import."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.core.errors import BarometreError
from barometre.referential.models import Epci, EpciWebsite, Website
from barometre.referential.services import websites_import
from barometre.referential.services.website_changes import websites_export
from tests.factories import CommuneFactory
from tests.referential.test_websites import paris, write  # noqa: F401 (fixture)

N = "\u00a0"


def _state() -> list[tuple]:
    return sorted(
        Website.objects.values_list("commune_id", "url", "is_primary", "active", "note", "source")
    )


def test_a_dry_run_says_each_change_and_writes_nothing(paris, tmp_path: Path) -> None:  # noqa: F811
    before = _state()
    path = write(
        tmp_path,
        "commune_code,url,primary,active,note\n75056,https://demarches.paris.fr,true,,portail\n",
    )
    out = StringIO()
    call_command("websites", "import", str(path), "--dry-run", stdout=out)
    assert _state() == before
    assert out.getvalue().splitlines() == [
        f"Essai (--dry-run){N}: rien n'a été écrit. Cet import donnerait{N}:",
        f"Sites web de communes{N}: 1 ajouté, 0 mis à jour{N}; site principal changé pour "
        "1 commune.",
        f"  75056 https://demarches.paris.fr{N}: ajouté",
        # the site the file does not name changes too: it is no longer the primary one
        f"  75056 https://www.paris.fr{N}: principal oui → non",
    ]
    # the same file for real: the same changes
    summary = websites_import(path=path, now=timezone.now())
    assert (summary.added, summary.updated, summary.primaries_changed) == (1, 0, 1)
    assert not summary.dry_run
    assert [change.line() for change in summary.changes] == [
        f"75056 https://demarches.paris.fr{N}: ajouté",
        f"75056 https://www.paris.fr{N}: principal oui → non",
    ]
    assert Website.objects.get(commune=paris, is_primary=True).url == "https://demarches.paris.fr"


def test_a_dry_run_names_the_fields_changed_and_the_sites_already_up_to_date(
    paris,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "commune_code,url,primary,active,note\n75056,https://www.paris.fr/,,false,fermé\n",
    )
    summary = websites_import(path=path, now=timezone.now(), dry_run=True)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 0)
    assert [change.line() for change in summary.changes] == [
        f"75056 https://www.paris.fr{N}: principal oui → non{N}; actif oui → non{N}; "
        f"note (vide) → «{N}fermé{N}»{N}; source «{N}etalab-2022{N}» → «{N}user{N}»"
    ]
    assert Website.objects.get(url="https://www.paris.fr").active
    websites_import(path=path, now=timezone.now())
    again = websites_import(path=path, now=timezone.now(), dry_run=True)
    assert (again.added, again.updated, again.unchanged, again.changes) == (0, 0, 1, ())


def test_an_export_imported_again_puts_back_what_a_wrong_import_changed(
    paris,  # noqa: F811
    tmp_path: Path,
) -> None:
    CommuneFactory(code="69123", name="Lyon")
    websites_import(
        path=write(tmp_path, "commune_code,url,note\n69123,https://www.lyon.fr,mairie\n"),
        now=timezone.now(),
    )
    saved = tmp_path / "avant.csv"
    out = StringIO()
    call_command("websites", "export", str(saved), stdout=out)
    assert out.getvalue().strip() == (
        f"{saved}{N}: 2 sites web de communes écrits (colonnes de «{N}websites import{N}»)."
    )
    assert saved.read_text(encoding="utf-8").splitlines() == [
        "commune_code,url,primary,active,note",
        "69123,https://www.lyon.fr,false,true,mairie",
        "75056,https://www.paris.fr,true,true,",
    ]
    before = _state()
    wrong = tmp_path / "faux.csv"
    wrong.write_text(
        "commune_code,url,active,note\n69123,https://www.lyon.fr,non,\n75056,https://www.paris.fr,non,\n",
        encoding="utf-8",
    )
    websites_import(path=wrong, now=timezone.now())
    assert _state() != before
    back = websites_import(path=saved, now=timezone.now())
    assert (back.added, back.updated) == (0, 2)
    # flags, notes and primaries as they were; Paris's site is now an import of the user's
    assert [row[:5] for row in _state()] == [row[:5] for row in before]


def test_the_epci_export_has_a_siren_column(db, tmp_path: Path) -> None:
    epci = Epci.objects.create(siren="200054781", name="Métropole", kind="METRO")
    EpciWebsite.objects.create(
        epci=epci,
        url="https://www.metropole.fr",
        host="www.metropole.fr",
        confidence="high",
        source=Website.Source.USER,
        is_primary=True,
    )
    path = tmp_path / "epci.csv"
    assert websites_export(path=path, epci=True) == 1
    assert path.read_text(encoding="utf-8").splitlines() == [
        "siren,url,primary,active,note",
        "200054781,https://www.metropole.fr,true,true,",
    ]
    summary = websites_import(path=path, now=timezone.now(), dry_run=True)
    assert (summary.epci, summary.added, summary.updated, summary.unchanged) == (True, 0, 0, 1)


def test_an_export_to_a_folder_is_refused_in_french(db, tmp_path: Path) -> None:
    with pytest.raises(BarometreError, match="c'est un dossier"):
        websites_export(path=tmp_path, epci=False)


def test_a_note_that_a_spreadsheet_would_run_is_exported_as_text_and_imported_back(
    paris,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The note comes from someone else's list: opened in a spreadsheet, the export must not run
    it; imported again, it is the same note."""
    note = '=HYPERLINK("http://127.0.0.1/x";"voir")'
    quoted = '"=HYPERLINK(""http://127.0.0.1/x"";""voir"")"'
    websites_import(
        path=write(tmp_path, "commune_code,url,note\n75056,https://www.paris.fr," + quoted + "\n"),
        now=timezone.now(),
    )
    saved = tmp_path / "export.csv"
    websites_export(path=saved, epci=False)
    assert saved.read_text(encoding="utf-8").splitlines()[1] == (
        '75056,https://www.paris.fr,true,true,"\'=HYPERLINK(""http://127.0.0.1/x"";""voir"")"'
    )
    summary = websites_import(path=saved, now=timezone.now())
    assert (summary.updated, summary.unchanged) == (0, 1)
    assert Website.objects.get(url="https://www.paris.fr").note == note


def test_export_to_dash_writes_the_standard_output_and_a_spreadsheet_name_is_refused(
    paris,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`websites export -` wrote a file named « - » in the current folder, and
    `websites export sites.xlsx` wrote CSV text that a spreadsheet refuses as XLSX."""
    monkeypatch.chdir(tmp_path)
    out, err = StringIO(), StringIO()
    call_command("websites", "export", "-", stdout=out, stderr=err)
    assert out.getvalue().splitlines() == [
        "commune_code,url,primary,active,note",
        "75056,https://www.paris.fr,true,true,",
    ]
    assert "sortie standard\u00a0: 1 site web de communes écrit" in err.getvalue()
    with pytest.raises(BarometreError, match="annonce un fichier XLSX, mais la liste des sites"):
        call_command("websites", "export", "sites.xlsx", stdout=StringIO())
    assert list(tmp_path.iterdir()) == []


def test_a_column_the_file_lacks_leaves_that_field_of_each_site_as_it_is(
    paris,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A file of URLs alone (or without `note`, or without `active`) cleared the notes of the
    sites it named and made active again the sites a user had closed; the dry run said so too.
    An empty cell of a column the file has still clears its field."""
    site = Website.objects.get(url="https://www.paris.fr")
    site.note, site.active, site.is_primary = "vérifié en 2025", False, False
    site.save()
    CommuneFactory(code="69123", name="Lyon")
    Website.objects.create(
        commune_id="69123",
        url="https://www.lyon.fr",
        host="www.lyon.fr",
        confidence="high",
        source=Website.Source.USER,
        note="mairie",
        is_primary=True,
    )
    path = write(
        tmp_path, "commune_code,url\n75056,https://www.paris.fr\n69123,https://www.lyon.fr/\n"
    )
    dry = websites_import(path=path, now=timezone.now(), dry_run=True)
    assert [change.line() for change in dry.changes] == [
        f"75056 https://www.paris.fr{N}: source «{N}etalab-2022{N}» → «{N}user{N}»"
    ]
    real = websites_import(path=path, now=timezone.now())
    assert real.changes == dry.changes
    assert (real.updated, real.unchanged) == (1, 1)
    assert [row[:5] for row in _state()] == [
        ("69123", "https://www.lyon.fr", True, True, "mairie"),
        ("75056", "https://www.paris.fr", False, False, "vérifié en 2025"),
    ]
    # a note column without `active`: the notes change, the flags do not
    websites_import(
        path=write(tmp_path, "commune_code,url,note\n75056,https://www.paris.fr,\n"),
        now=timezone.now(),
    )
    assert _state()[1][:5] == ("75056", "https://www.paris.fr", False, False, "")
    # marked primary without an `active` column: the site is made active, the commune's primary
    changed = websites_import(
        path=write(tmp_path, "commune_code,url,primary\n75056,https://www.paris.fr,oui\n"),
        now=timezone.now(),
    )
    assert [change.line() for change in changed.changes] == [
        f"75056 https://www.paris.fr{N}: principal non → oui{N}; actif non → oui"
    ]
    # a new site without those columns: active, not primary, no note
    websites_import(
        path=write(tmp_path, "commune_code,url\n69123,https://demarches.lyon.fr\n"),
        now=timezone.now(),
    )
    assert ("69123", "https://demarches.lyon.fr", False, True, "") in [r[:5] for r in _state()]


@pytest.mark.parametrize("primary", ["false", ""])
def test_unmarking_the_only_primary_site_is_refused_and_said(
    paris,  # noqa: F811
    tmp_path: Path,
    primary: str,
) -> None:
    # it left the site primary and counted it « déjà à jour », the opposite of the file
    before = _state()
    path = write(tmp_path, f"commune_code,url,primary\n75056,https://www.paris.fr/,{primary}\n")
    for dry_run in (True, False):
        with pytest.raises(BarometreError) as refused:
            websites_import(path=path, now=timezone.now(), dry_run=dry_run)
        assert str(refused.value).startswith("Import refusé, rien n'a été écrit")
        assert refused.value.problems == [
            f"ligne 2{N}: «{N}https://www.paris.fr/{N}» est le site principal de la commune "
            f"«{N}75056{N}»{N}; primary=false (ou vide) le laisserait sans site principal, "
            f"celui que l'audit visite d'abord{N}: marquez primary=true le site qui le "
            "remplace, ou primary=true sur cette ligne pour le garder"
        ]
    assert _state() == before


def test_unmarking_the_primary_site_with_another_chosen_or_deactivating_it_is_done(
    paris,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "commune_code,url,primary,active\n"
        "75056,https://www.paris.fr,false,\n"
        "75056,https://demarches.paris.fr,true,\n",
    )
    summary = websites_import(path=path, now=timezone.now())
    assert summary.primaries_changed == 1
    assert Website.objects.get(commune=paris, is_primary=True).url == "https://demarches.paris.fr"
    # a site that is no longer followed is no primary one: its row says so
    path = write(
        tmp_path, "commune_code,url,primary,active\n75056,https://demarches.paris.fr,,false\n"
    )
    websites_import(path=path, now=timezone.now())
    assert not Website.objects.filter(commune=paris, is_primary=True).exists()


def test_a_note_on_two_lines_is_listed_on_one_line_and_stored_as_written(
    paris,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        'commune_code,url,note\n75056,https://www.paris.fr,"portail\r\nancien"\n'
        '75056,https://demarches.paris.fr,"a\nb"\n',
    )
    out = StringIO()
    call_command("websites", "import", str(path), "--dry-run", stdout=out)
    listed = [line for line in out.getvalue().splitlines() if line.startswith("  ")]
    assert listed == [
        f"  75056 https://demarches.paris.fr{N}: ajouté",
        f"  75056 https://www.paris.fr{N}: note (vide) → «{N}portail ⏎ ancien{N}»{N}; "
        f"source «{N}etalab-2022{N}» → «{N}user{N}»",
    ]
    websites_import(path=path, now=timezone.now())
    assert Website.objects.get(url="https://www.paris.fr").note == "portail\r\nancien"
