"""The programme report's files, byte for byte, on a small made-up election pair.

The expected files in `data/report_pinned/` were written by the report as it was built from
whole model instances (every programme with its sentences); the report read from a few columns
must give the same bytes. Twelve communes in every bracket, the 2020 and 2014 elections, won and
lost lists, a second round, a programme without text and one in another language, sentences
stored out of order, with line breaks, several themes, a formula-like start and video-protection
evidence; campaigns before and after 2020 for the promises and the follow-up (p-values: six
communes on each side).

What the report takes from elsewhere is fixed here, so that these files change only with the
report: the themes (labels, version, aspects), the reader's validity figures and note, and the
inlined scripts (a few hundred kilobytes of vendored Vega). The theme-to-services map
(data/theme_services.yaml) and the default catalogue are read as shipped.

When the report is meant to change: `BAROMETRE_PIN_WRITE=1 pytest` on this file writes the
files again; read their diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from barometre.programmes.analysis.themes import ShippedThemes, ThemeLabel
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.reports import programmes_report, render
from barometre.programmes.reports import renderers as renderers_module
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "report_pinned"
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
READ = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
THEMES = ShippedThemes(
    "2026.12",
    (
        ThemeLabel("e_administration", "Démarches en ligne", "", False),
        ThemeLabel("guichet_unique", "Guichet unique", "", False),
        ThemeLabel("site_web", "Site web", "", False),
        ThemeLabel("ecole_numerique", "École numérique", "", False),
        ThemeLabel("inclusion_numerique", "Inclusion numérique", "", False),
        ThemeLabel("smart_city", "Ville intelligente", "", True),
        ThemeLabel("open_data", "Données ouvertes", "", False),
        ThemeLabel("participation", "Participation en ligne", "", True),
    ),
    {"video_protection": frozenset({"vidéoprotection", "caméras"})},
)
# code, name, population: every bracket, two communes of the same size (ordered by code)
COMMUNES = (
    ("75056", "Grandeville", 2_100_000),
    ("69123", "Lyonnaise", 520_000),
    ("38185", "Moyenneville", 150_000),
    ("51454", "Rémoise", 75_000),
    ("33063", "Bordelaise", 40_000),
    ("21231", "Petite-Cité", 12_000),
    ("01053", "Bourg", 9_000),
    ("01004", "Ambérieu", 9_000),
    ("44109", "Nantaise", 3_600),
    ("01001", "L'Abergement", 800),
    ("02001", "Abbécourt", 500),
    ("03001", "Abrest", 2_900),
)
FAMILY, CIVIL = ("inscription-scolaire", "periscolaire"), "actes-etat-civil"
SENTENCES = {  # theme -> a sentence that carries it
    "guichet_unique": "Nous créerons un guichet unique en ligne.",
    "ecole_numerique": "Des tablettes dans chaque école,\npour chaque élève.",
    "open_data": "=Les données seront ouvertes",
    "site_web": "Un « nouveau » site, plus clair ; enfin !",
    "smart_city": "Des caméras de vidéoprotection aux entrées de la ville.",
    "inclusion_numerique": "Des ateliers numériques pour les aînés.",
    "participation": "Un budget participatif en ligne.",
    "e_administration": "Toutes les démarches en ligne.",
}
LISTS = ("Agir ensemble", "Cap sur demain", 'Liste "citoyenne", unie', "Vivre ici")


def _programme(
    pk: int,
    code: str,
    election: int,
    name: str,
    themes: tuple[str, ...],
    *,
    won: bool = False,
    round: int = 1,
    status: str = "ok",
    disruptive: bool = False,
) -> None:
    """One list's programme, with a sentence per theme stored last-first (and a sentence with
    two themes when it has several)."""
    read = status == "ok"
    Programme.objects.create(
        pk=pk,
        commune_id=code,
        election=election,
        list_name=name,
        head_of_list=f"Tête {pk}",
        round=round,
        won=won,
        source_name=f"{code}-{pk}.pdf",
        format="pdf",
        file_sha256=f"{pk:064d}",
        text="" if status == "no_text" else "texte " * 50,
        status=status,
        problem="aucune couche de texte" if status == "no_text" else "",
        mentions_digital=read and bool(themes),
        themes=sorted(themes) if read else [],
        disruptive=read and disruptive,
        themes_version="2026.11" if election == 2014 else "2026.12",
        read_at=READ + dt.timedelta(days=pk % 3) if read else None,
    )
    if not read:
        return
    rows = [(SENTENCES[t], [t], disruptive and i == 0, [t]) for i, t in enumerate(themes)]
    if themes == ("smart_city",):
        rows = [(SENTENCES["smart_city"], ["smart_city"], False, ["vidéoprotection"])]
    if len(themes) > 1:
        rows.append(("Une ville numérique et ouverte.", list(themes[:2]), False, ["numérique"]))
    for index, (text, sentence_themes, is_disruptive, evidence) in reversed(list(enumerate(rows))):
        ProgrammeSentence.objects.create(
            programme_id=pk,
            index=index * 4 + 1,
            start=index * 10,
            end=index * 10 + len(text),
            text=text,
            themes=sentence_themes,
            disruptive=is_disruptive,
            evidence=evidence,
        )


def _elections() -> None:
    """2020: three lists a commune (the first elected), a second round in two communes, a
    programme without text and one in another language; 2014: two lists in eight communes."""
    pool = list(SENTENCES)
    pk = 100
    for n, (code, name, population) in enumerate(COMMUNES):
        CommuneFactory(code=code, name=name, population=population)
        elected = ("ecole_numerique", "open_data") if n % 2 == 0 else ("site_web",)
        if n == 5:
            elected = ("smart_city",)  # video-protection only
        for i, list_name in enumerate(LISTS[:3]):
            pk += 1
            themes = elected if i == 0 else tuple(pool[(n + i) % 8 : (n + i) % 8 + (n + i) % 3])
            status = "ok"
            if (n, i) == (3, 2):
                status = "no_text"
            if (n, i) == (7, 1):
                status = "foreign"
            _programme(
                pk,
                code,
                2020,
                list_name,
                themes,
                won=i == 0,
                status=status,
                disruptive=(n + i) % 4 == 0,
            )
        if n in (1, 4):  # the elected list again in the second round, with one more theme
            pk += 1
            _programme(pk, code, 2020, LISTS[0], (*elected, "participation"), won=True, round=2)
        if n < 8:
            for i, list_name in enumerate((LISTS[3], LISTS[1])):
                pk += 1
                themes = tuple(pool[(n * 3 + i) % 8 : (n * 3 + i) % 8 + n % 3])
                _programme(pk, code, 2014, list_name, themes, won=i == 1, disruptive=n % 3 == 0)
    # a demonstration programme: in no report of the real ones
    _programme(999, "75056", 2020, "Liste inventée", ("site_web",), won=True)
    Programme.objects.filter(pk=999).update(is_demo=True)


def _campaign(name: str, measured: dt.date, levels: dict[tuple[str, str], int | str]) -> None:
    codes = {code for code, _ in levels}
    campaign = CampaignFactory(name=name, communes=list(Commune.objects.filter(code__in=codes)))
    set_cells(campaign, levels)
    Campaign.objects.filter(pk=campaign.pk).update(measured_on=measured)


def _campaigns() -> None:
    """Measured before 2020's first round and after it, in all but the last commune."""
    codes = [code for code, _name, _population in COMMUNES[:-1]]
    before: dict[tuple[str, str], int | str] = {}
    after: dict[tuple[str, str], int | str] = {}
    for n, code in enumerate(codes):
        for k, slug in enumerate((*FAMILY, CIVIL)):
            before[(code, slug)] = (n + k) % 3
            after[(code, slug)] = (n * 2 + k) % 6
        after[(code, "urbanisme")] = "na" if n % 4 == 0 else n % 5
    _campaign("avant-2020", dt.date(2019, 6, 1), before)
    _campaign("mandat-2020", dt.date(2023, 6, 1), after)


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    _elections()
    _campaigns()
    for name in ("vendor_js", "charts_js", "tables_js"):
        monkeypatch.setattr(renderers_module, name, lambda name=name: f"/* {name} */")
    monkeypatch.setattr(renderers_module, "reader_validity", lambda: {"sample": "fixe"})
    monkeypatch.setattr(renderers_module, "programme_reading_note", lambda: "Note de lecture fixe.")


CASES = {
    "programmes-2020": {},
    "programmes-2020-2014": {"compare_with": 2014},
    "programmes-2020-69123-elues": {"commune": "69123", "won_only": True},
    "programmes-2020-demonstration": {"demo": True},  # its notice first; no demo campaign
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_report_files_are_those_of_the_model_instances(pinned: None, case: str) -> None:
    report = programmes_report(election=2020, now=NOW, themes=THEMES, **CASES[case])
    if "demo" not in CASES[case]:
        assert report.promises and (report.follow_up or "commune" in CASES[case])
    for fmt in ("json", "csv", "html"):
        text = render(report, fmt)
        expected = DATA / f"{case}.{fmt}"
        if os.environ.get("BAROMETRE_PIN_WRITE"):
            expected.parent.mkdir(parents=True, exist_ok=True)
            expected.write_text(text, encoding="utf-8")
        assert text == expected.read_text(encoding="utf-8"), f"{case}.{fmt} differs"


def test_the_report_builds_no_model_instance_of_a_programme_or_sentence(
    pinned: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national election's programmes and sentences as model instances took a few hundred
    megabytes: the report reads their columns as tuples."""
    built: list[str] = []
    for model in (Programme, ProgrammeSentence):
        original = model.from_db.__func__  # type: ignore[attr-defined]

        def counted(cls, *args, original=original, **kwargs):  # type: ignore[no-untyped-def]
            built.append(cls.__name__)
            return original(cls, *args, **kwargs)

        monkeypatch.setattr(model, "from_db", classmethod(counted))
    report = programmes_report(election=2020, compare_with=2014, now=NOW, themes=THEMES)
    assert report.communes and report.promises and report.follow_up
    assert built == []


def test_the_html_report_compares_the_themes_as_the_election_page(pinned: None) -> None:
    """The report's « Thèmes cités, 2020 et 2014 » table: the web page's rows, same figures."""
    from barometre.programmes.summary import summary_of
    from barometre.web.views.programmes_common import comparison_view

    report = programmes_report(election=2020, compare_with=2014, now=NOW, themes=THEMES)
    html = render(report, "html")
    page = comparison_view(report.summary, 2014, THEMES, demo=False)
    assert report.comparison and summary_of(2014, THEMES, demo=False) == report.comparison.other
    assert '<caption class="muted">Thèmes cités, 2020 et 2014</caption>' in html
    for row, now, before in page["themes"]:
        figures = [
            f"{v['text']} ({v['count']}&nbsp;sur&nbsp;{v['n']})"  # held together on a phone
            for v in (now, before)
        ]
        cells = "".join(f'<td class="num">{figure}</td>' for figure in figures)
        assert f'<th scope="row">{row.label}</th>{cells}' in html
