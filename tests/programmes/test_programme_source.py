"""A programme kept only its file name and import date: the election page said « importé le 7
décembre 2026 » of a 2014 programme, and a quoted promise could not be traced back to where the
list published it. The manifest now gives its source address and publication date (optional
columns), checked, stored and kept when a later manifest lacks the columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from barometre.programmes.manifest import ProgrammeMeta, meta_from_values, parse_manifest
from barometre.programmes.models import Programme
from barometre.programmes.outcomes import ALREADY, IMPORTED, REFUSED
from barometre.programmes.provenance import published_on_checked, source_url_checked
from barometre.programmes.services import programmes_import_folder

HEADER = "file,insee,election,list_name,source_url,published_on\n"
TODAY = dt.date(2026, 12, 7)


def test_the_manifest_gives_the_source_address_and_the_publication_date() -> None:
    rows = parse_manifest(
        HEADER + "a.pdf,69123,2014,Liste A,https://liste-a.test/programme.pdf,2014-02-15\n"
        "b.pdf,69123,2014,Liste B,,\n"
    )
    assert rows[0].meta is not None and rows[1].meta is not None
    assert rows[0].meta.source_url == "https://liste-a.test/programme.pdf"
    assert rows[0].meta.published_on == dt.date(2014, 2, 15)
    assert (rows[1].meta.source_url, rows[1].meta.published_on) == ("", None)
    assert {"source_url", "published_on"} <= rows[0].meta.given


def test_french_column_names_and_a_french_date_are_read() -> None:
    rows = parse_manifest(
        "fichier;code_insee;année;liste;url_source;publié le\n"
        "a.pdf;69123;2014;Liste A;HTTP://liste-a.test/;15/02/2014\n"
    )
    assert rows[0].meta is not None
    assert rows[0].meta.source_url == "http://liste-a.test/"
    assert rows[0].meta.published_on == dt.date(2014, 2, 15)


def test_an_old_manifest_without_the_columns_still_works_and_gives_neither() -> None:
    (row,) = parse_manifest("file,insee,election,list_name\na.pdf,69123,2014,Liste A\n")
    assert row.meta == ProgrammeMeta("69123", 2014, "Liste A", given=frozenset())
    assert "source_url" not in row.meta.given and "published_on" not in row.meta.given


@pytest.mark.parametrize(
    ("url", "date", "problem"),
    [
        ("ftp://liste.test/p.pdf", "", "adresse source «\u00a0ftp://liste.test/p.pdf\u00a0» "
         "invalide\u00a0: attendu une adresse http:// ou https://"),
        ("javascript:alert(1)", "", "attendu une adresse http:// ou https://"),
        ("liste.test/programme", "", "attendu une adresse http:// ou https://"),
        ("https://", "", "nom de site manquant"),
        ("https://liste.test/mon programme.pdf", "", "elle contient une espace"),
        ("https://liste.test/" + "a" * 500, "", "adresse source de 519 caractères\u00a0: 500 au "
         "plus"),
        # the date in French, as the rest of the interface writes it (it said « 01/01/2999 »)
        ("", "2999-01-01", "date de publication 1er janvier 2999 dans le futur"),
        ("", "31/12/1899", "date de publication 31 décembre 1899 antérieure à 1900"),
        ("", "2014-02-30", "date de publication «\u00a02014-02-30\u00a0» inexistante"),
        ("", "15 février 2014", "date de publication «\u00a015 février 2014\u00a0» invalide "
         "(AAAA-MM-JJ ou JJ/MM/AAAA"),
        ("", "\u0662\u0660\u0661\u0664-02-15", "invalide"),  # Arabic-Indic digits
    ],
)  # fmt: skip
def test_a_bad_source_or_date_refuses_its_row_in_french_and_keeps_the_others(
    url: str, date: str, problem: str
) -> None:
    rows = parse_manifest(
        HEADER + f"a.pdf,69123,2014,Liste A,{url},{date}\nb.pdf,69123,2014,Liste B,,2014-02-15\n"
    )
    assert rows[0].meta is None and problem in rows[0].problem
    assert rows[1].meta is not None and rows[1].meta.published_on == dt.date(2014, 2, 15)


def test_today_is_not_the_future() -> None:
    meta = meta_from_values(
        insee="69123", election=2026, list_name="L", published_on="2026-12-07", today=TODAY
    )
    assert meta.published_on == TODAY
    with pytest.raises(ValueError, match="dans le futur"):
        published_on_checked("2026-12-08", TODAY)
    assert source_url_checked("  https://liste.test/p  ") == "https://liste.test/p"


pytestmark_db = pytest.mark.django_db


def _programme(**fields: object) -> Programme:
    values: dict[str, object] = {
        "commune_id": "69123",
        "election": 2014,
        "list_name": "Liste A",
        "source_name": "a.txt",
        "format": "text",
        "file_sha256": "a",
        "text": "Un texte.",
        "status": "ok",
    }
    return Programme(**(values | fields))


@pytestmark_db
def test_the_model_refuses_a_bad_source_address_or_date(communes: object) -> None:
    good = _programme(source_url="https://liste.test/p.pdf", published_on=dt.date(2014, 2, 15))
    good.full_clean()
    for fields, field in (
        ({"source_url": "ftp://liste.test/p.pdf"}, "source_url"),
        ({"source_url": "https://liste.test/" + "a" * 500}, "source_url"),
        ({"published_on": dt.date(2999, 1, 1)}, "published_on"),
        ({"published_on": dt.date(1899, 12, 31)}, "published_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            _programme(**fields).full_clean()
        assert field in refused.value.message_dict


@pytestmark_db
def test_the_database_refuses_another_scheme_and_a_date_before_1900(communes: object) -> None:
    for number, fields in enumerate(
        ({"source_url": "javascript:alert(1)"}, {"published_on": dt.date(1899, 12, 31)})
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            _programme(list_name=f"Liste {number}", **fields).save()


def _manifest(folder: Path, header: str, rows: list[str]) -> Path:
    path = folder / "manifeste.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytestmark_db
def test_an_import_stores_them_and_a_manifest_without_the_columns_keeps_them(
    communes: object, write_file: Callable[..., Path], tmp_path: Path
) -> None:
    write_file("a.pdf")
    write_file("b.pdf")
    manifest = _manifest(
        tmp_path,
        HEADER,
        [
            "a.pdf,69123,2014,Liste A,https://liste-a.test/p.pdf,2014-02-15",
            "b.pdf,69123,2014,Liste B,https://liste-b.test/p.pdf,2999-01-01",
        ],
    )
    outcomes = programmes_import_folder(manifest=manifest).outcomes
    assert [o.status for o in outcomes] == [IMPORTED, REFUSED]
    assert "date de publication 1er janvier 2999 dans le futur" in outcomes[1].message
    stored = Programme.objects.get()
    assert (stored.source_url, stored.published_on) == (
        "https://liste-a.test/p.pdf",
        dt.date(2014, 2, 15),
    )

    old = _manifest(tmp_path, "file,insee,election,list_name\n", ["a.pdf,69123,2014,Liste A"])
    assert programmes_import_folder(manifest=old).outcomes[0].message == ""
    stored.refresh_from_db()
    assert stored.published_on == dt.date(2014, 2, 15)

    fixed = _manifest(tmp_path, HEADER, ["a.pdf,69123,2014,Liste A,,2014-03-01"])
    again = programmes_import_folder(manifest=fixed).outcomes[0]
    assert again.status == ALREADY
    assert again.message == (
        "mis à jour\u00a0: adresse source («\u00a0https://liste-a.test/p.pdf\u00a0» → vide), "
        "date de publication (15 février 2014 → 1er mars 2014)"  # as the rest of the CLI
    )
    stored.refresh_from_db()
    assert (stored.source_url, stored.published_on) == ("", dt.date(2014, 3, 1))


@pytestmark_db
def test_metadata_taken_again_from_a_manifest_changes_the_caches_key(
    communes: object, write_file: Callable[..., Path], tmp_path: Path
) -> None:
    """The pages' caches and the open data's version are keyed by `programmes_state`: a
    manifest that only gives a programme its source, date, head of list or result changes it
    (the open data kept the old addresses until the next import or reading)."""
    from barometre.programmes.selectors import programmes_state

    write_file("a.pdf")
    first = _manifest(tmp_path, HEADER, ["a.pdf,69123,2014,Liste A,,2014-02-15"])
    programmes_import_folder(manifest=first)
    before = programmes_state(2014)
    same = programmes_import_folder(manifest=first).outcomes[0]
    assert (same.status, same.message, programmes_state(2014)) == (ALREADY, "", before)

    sourced = _manifest(tmp_path, HEADER, ["a.pdf,69123,2014,Liste A,https://a.test/p.pdf,"])
    assert programmes_import_folder(manifest=sourced).outcomes[0].status == ALREADY
    assert programmes_state(2014) != before


def test_the_demonstration_s_dates_and_addresses_are_made_up_and_plausible() -> None:
    """Published weeks before the first round, at an address under `.test` (never resolved)
    or none; one list without a date, so that the pages show the import date too."""
    from urllib.parse import urlsplit

    from barometre.demo.programmes import DEMO_ELECTIONS
    from barometre.programmes.elections import first_round

    for election in DEMO_ELECTIONS:
        days = [election.published_on(n) for n in range(len(election.lists))]
        urls = [election.source_url(n) for n in range(len(election.lists))]
        assert None in days and "" in urls
        for day in filter(None, days):
            assert first_round(election.year) - dt.timedelta(days=60) < day
            assert day < first_round(election.year)
        for url in filter(None, urls):
            assert source_url_checked(url) == url
            assert (urlsplit(url).hostname or "").endswith(".test")
