"""Demonstration programmes (`Programme.is_demo`) are never counted nor paired with real ones:
real figures leave them out, they are reported apart under the demonstration notice, and their
promises are set beside demonstration campaigns only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.api.views_programmes import programme_json
from barometre.core.errors import BarometreError
from barometre.outputs.labels import DEMO_BANNER
from barometre.programmes.manifest import ProgrammeMeta
from barometre.programmes.models import Programme
from barometre.programmes.reports import programmes_report, render
from barometre.programmes.services import programme_import_file
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, set_cells
from tests.programmes.conftest import PLAIN_PAGE, programme

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
FAMILY = ("inscription-scolaire", "periscolaire")  # services of the family domain


def _demo(commune: Commune, name: str, **kwargs: object) -> Programme:
    made = programme(commune, name, **kwargs)  # type: ignore[arg-type]
    Programme.objects.filter(pk=made.pk).update(is_demo=True)
    made.is_demo = True
    return made


def _campaign(name: str, measured: dt.date, commune: Commune, level: int, *, demo: bool) -> None:
    campaign = CampaignFactory(name=name, communes=[commune], is_demo=demo)
    set_cells(campaign, {(commune.code, slug): level for slug in FAMILY})
    Campaign.objects.filter(pk=campaign.pk).update(measured_on=measured)


@pytest.fixture
def mixed(communes: dict[str, Commune]) -> dict[str, Commune]:
    """2020: one real programme that does not mention digital, two demo ones that do."""
    programme(communes["big"], "Liste réelle")
    _demo(communes["big"], "Liste inventée", themes=("ecole_numerique",), won=True)
    _demo(communes["mid"], "Autre inventée", themes=("site_web",))
    return communes


def test_real_figures_count_only_real_programmes(mixed: object) -> None:
    report = programmes_report(election=2020, now=NOW)

    s = report.summary
    assert (s.n_programmes, s.n_communes, s.digital.count) == (1, 1, 0)
    assert [row.list_name for c in report.communes for row in c.lists] == ["Liste réelle"]
    assert not report.is_demo
    assert "notice" not in json.loads(render(report, "json"))
    assert DEMO_BANNER not in render(report, "html")


def test_demo_report_counts_only_demo_programmes_and_says_so(mixed: object) -> None:
    report = programmes_report(election=2020, now=NOW, demo=True)

    s = report.summary
    assert (s.n_programmes, s.n_communes, s.digital.count) == (2, 2, 2)
    names = {row.list_name for c in report.communes for row in c.lists}
    assert names == {"Liste inventée", "Autre inventée"}
    data = json.loads(render(report, "json"))
    assert data["notice"] == DEMO_BANNER and data["is_demo"] is True
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert rows[1][:4] == ["notice", "2020", "demonstration", DEMO_BANNER]
    html = render(report, "html")
    assert html.count(DEMO_BANNER) == 2  # the title and the banner


def test_an_election_of_demo_programmes_only_has_no_real_report(communes: dict) -> None:
    _demo(communes["big"], "Liste inventée", election=2026)

    with pytest.raises(BarometreError, match="programmes de démonstration : --demo"):
        programmes_report(election=2026, now=NOW)
    assert programmes_report(election=2026, now=NOW, demo=True).summary.n_programmes == 1


def test_a_demo_programme_is_never_set_beside_a_real_campaign(communes: dict) -> None:
    """The same commune, measured before and after the election by a real campaign and by a
    demonstration one: the real elected list's promise meets the real levels, the demo list's
    the demo levels, in the promises and in the follow-up."""
    big = communes["big"]
    programme(big, "Liste réelle", themes=("ecole_numerique",), won=True)
    _demo(big, "Liste inventée", themes=("ecole_numerique",), won=True)
    _campaign("reel-avant", dt.date(2019, 6, 1), big, 1, demo=False)
    _campaign("reel-apres", dt.date(2021, 6, 1), big, 2, demo=False)
    _campaign("demo-avant", dt.date(2019, 9, 1), big, 0, demo=True)  # later: would be taken
    _campaign("demo-apres", dt.date(2021, 9, 1), big, 5, demo=True)

    real = programmes_report(election=2020, now=NOW)
    [promise] = real.promises
    assert (promise.list_name, promise.before_campaign, promise.campaign) == (
        "Liste réelle",
        "reel-avant",
        "reel-apres",
    )
    [school] = [row for row in real.follow_up if row.theme == "ecole_numerique"]
    assert school.promised_change == pytest.approx(1.0)

    demo = programmes_report(election=2020, now=NOW, demo=True)
    [promise] = demo.promises
    assert (promise.list_name, promise.before_campaign, promise.campaign) == (
        "Liste inventée",
        "demo-avant",
        "demo-apres",
    )
    [school] = [row for row in demo.follow_up if row.theme == "ecole_numerique"]
    assert school.promised_change == pytest.approx(5.0)


def test_a_demo_programme_without_demo_campaigns_is_set_beside_nothing(communes: dict) -> None:
    big = communes["big"]
    _demo(big, "Liste inventée", themes=("ecole_numerique",), won=True)
    _campaign("reel-avant", dt.date(2019, 6, 1), big, 1, demo=False)
    _campaign("reel-apres", dt.date(2021, 6, 1), big, 2, demo=False)

    report = programmes_report(election=2020, now=NOW, demo=True)
    assert report.promises == () and report.follow_up == ()


def test_an_import_is_real_and_a_demo_import_never_replaces_a_real_programme(
    communes: dict, write_file
) -> None:
    meta = ProgrammeMeta("69123", 2020, "Liste A")
    first = programme_import_file(path=write_file("a.txt"), meta=meta, ocr=False)
    assert first.status == "imported"
    assert Programme.objects.get(pk=first.programme_id).is_demo is False

    path = write_file("b.txt", [PLAIN_PAGE])
    refused = programme_import_file(path=path, meta=meta, ocr=False, replace=True, is_demo=True)

    assert refused.status == "refused" and "programme réel" in refused.message
    kept = Programme.objects.get(commune_id="69123", election=2020, list_name="Liste A")
    assert (kept.pk, kept.is_demo, kept.source_name) == (first.programme_id, False, "a.txt")


def test_a_real_import_is_no_duplicate_of_a_demo_programme(communes: dict, write_file) -> None:
    """The demo's made-up text never makes a real programme of the same commune a copy."""
    path = write_file("a.txt")
    demo = programme_import_file(
        path=path, meta=ProgrammeMeta("69123", 2020, "Liste inventée"), ocr=False, is_demo=True
    )
    real = programme_import_file(
        path=path, meta=ProgrammeMeta("69123", 2020, "Liste réelle"), ocr=False
    )

    assert (demo.status, real.status) == ("imported", "imported")
    stored = Programme.objects.get(pk=real.programme_id)
    assert (stored.is_demo, stored.duplicate_of) == (False, None)


def test_the_cli_lists_programmes_and_marks_demo_ones(mixed: object, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("programmes", "list", "--election", "2020", stdout=out)
    rows = {line.split("  ")[0]: line for line in out.getvalue().splitlines()[1:]}

    assert len(rows) == 3
    for made in Programme.objects.all():
        assert rows[str(made.pk)].endswith("démonstration") is made.is_demo, rows

    out = io.StringIO()
    call_command(
        "programmes", "report", "--election", "2020", "--demo", "--out", str(tmp_path / "r.json"),
        "--format", "json", stdout=out,
    )  # fmt: skip
    assert "Rapport 2020 (démonstration)" in out.getvalue()
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["is_demo"] is True


def test_the_api_marks_demo_programmes_and_filters_them(mixed: object, client) -> None:
    every = client.get("/api/v1/programmes?election=2020").json()
    real = client.get("/api/v1/programmes?election=2020&demonstration=false").json()

    flags = {row["list_name"]: row["demonstration"] for row in every["results"]}
    assert flags == {"Liste réelle": False, "Liste inventée": True, "Autre inventée": True}
    assert [row["list_name"] for row in real["results"]] == ["Liste réelle"]
    assert programme_json(Programme.objects.get(list_name="Liste réelle"))["demonstration"] is False


def test_follow_up_of_real_programmes_ignores_a_demo_list_given_with_them(communes: dict) -> None:
    """Handed a commune's programmes of both kinds, the real follow-up reads the real elected
    list only: the demo list's promise does not put the commune among the promising ones."""
    from barometre.programmes.reports.follow_up import follow_up_and_basis

    big = communes["big"]
    programme(big, "Liste réelle", themes=("open_data",), won=True)
    _demo(big, "Liste inventée", themes=("ecole_numerique",), won=True)
    _campaign("reel-avant", dt.date(2019, 6, 1), big, 1, demo=False)
    _campaign("reel-apres", dt.date(2021, 6, 1), big, 2, demo=False)

    rows, _ = follow_up_and_basis(list(Programme.objects.all()), {"ecole_numerique": "École"})

    [school] = rows
    assert (school.promised_communes, school.other_communes) == (0, 1)


def test_a_won_demo_list_is_no_rival_of_a_won_real_list(communes: dict, write_file) -> None:
    """Importing the real elected list where the demonstration has an elected list too warns
    of no second elected list."""
    _demo(communes["big"], "Liste inventée", won=True)
    meta = ProgrammeMeta("69123", 2020, "Liste réelle", won=True)

    outcome = programme_import_file(path=write_file("a.txt"), meta=meta, ocr=False)

    assert outcome.status == "imported" and "aussi marquée élue" not in outcome.message


def test_the_synthetic_sentences_put_a_year_an_amount_and_a_count_where_each_belongs() -> None:
    import re

    from barometre.programmes.synthetic import digital_theme_ids, synthetic_pages

    sentences = [
        sentence
        for seed in range(30)
        for page in synthetic_pages(seed=seed, pages=4, digital_themes=digital_theme_ids())
        for sentence in page.sentences
    ]
    filled = [s for s in sentences if re.search(r"d'ici \S+\.|budget participatif de|arbres", s)]
    assert len(filled) >= 10, filled
    for sentence in filled:
        assert not re.search(r"d'ici (?!20[23]\d\.)", sentence), sentence  # a year of the term
        assert not re.search(r"de (20[23]\d|\d{1,3}) euros", sentence), sentence  # an amount
        assert not re.search(r"planterons 20[23]\d arbres", sentence), sentence
        assert "{" not in sentence, sentence
