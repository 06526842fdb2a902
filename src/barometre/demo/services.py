"""`barometre quickstart`: the whole benchmark on the bundled demonstration grid.

Steps: prepare the referential (init), create the two demonstration campaigns, import their
made-up grids, write the HTML and JSON reports of the later one compared with the earlier one.
Idempotent: a second run reuses the campaigns and their cells and rewrites the reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from django.utils import timezone

from barometre.assessments.services import assessments_import
from barometre.collection.services import AuditSummary
from barometre.collection.services.demo import DEMO_AUDIT_CAMPAIGN, demo_audit_run
from barometre.core.errors import BarometreError
from barometre.demo.programmes import demo_programmes_load
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from barometre.referential.services import InitSummary, campaign_create, referential_init
from barometre.survey.services.demo import DEMO_SURVEY, survey_demo_load
from barometre.survey.services.reports import survey_report_write

DEMO_COMMUNES = "75056,13055,69123,31555,06088,44109,67482,33063,76351,51454,42218,49007"
DEMO_CAMPAIGNS = ("demo-2014", "demo-2026")  # earlier first; data/<name>.csv
# The earlier one stands for a study of March 2014 (before that month's elections): it is dated
# so; the later one is measured on the day of the quickstart.
DEMO_MEASURED_ON = {"demo-2014": date(2014, 3, 1)}
DEMO_AUTHOR = "barometre-demo"

Step = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class QuickstartSummary:
    init: InitSummary
    imported: dict[str, int]  # campaign -> cells imported now (0 when already there)
    reports: list[Path]
    audit: AuditSummary | None = None  # the audit of a small local farm (demonstration)
    audit_agreement: float = 0.0  # share of its cells equal to the farm's true level
    programmes: int = 0  # demonstration programmes added now


def quickstart_run(
    *, out: Path, clock: Callable[[], datetime], step: Step | None = None
) -> QuickstartSummary:
    """Run the demonstration end to end; `step` is told the French name of each step.

    `clock` is read at the start (the referential, the campaigns' decision time) and again as
    each report is written: a report is stamped when it is produced, after the cells it reports
    on (the audit's are recorded as it runs), never at the start of the run."""
    say = step or (lambda _: None)
    now = clock()
    say("Préparation du référentiel (communes, sites, catalogue)")
    init = referential_init(now=now)
    imported = {}
    for name in DEMO_CAMPAIGNS:
        say(f"Campagne de démonstration {name}")
        imported[name] = _demo_campaign(name, now=now)
    say("Rapports HTML et JSON")
    reports = report_write(
        campaign=DEMO_CAMPAIGNS[-1],
        compare=DEMO_CAMPAIGNS[0],
        formats=["html", "json"],
        out=out,
        now=clock(),
    )
    say("Audit d'une petite ferme locale de sites fictifs (exploration, détection, preuves)")
    audit, agreement = demo_audit_run()
    reports += report_write(
        campaign=DEMO_AUDIT_CAMPAIGN, formats=["html", "json"], out=out, now=clock()
    )
    say("Programmes électoraux de démonstration")
    programmes = demo_programmes_load()
    reports += _demo_survey(out=out, clock=clock, say=say)
    return QuickstartSummary(
        init=init,
        imported=imported,
        reports=reports,
        audit=audit,
        audit_agreement=agreement,
        programmes=programmes,
    )


def _demo_survey(*, out: Path, clock: Callable[[], datetime], say: Step) -> list[Path]:
    """The demonstration's maturity survey loaded, and its reports: the CSV too (a tenth of a
    second), not the PDF (five seconds of layout: the report page serves it, and the command
    prints where)."""
    say("Enquête de maturité interne de démonstration (réponses inventées)")
    today = timezone.localdate(clock())  # the Paris day, as `barometre survey report`
    survey_demo_load(today=today)
    return [
        survey_report_write(campaign=DEMO_SURVEY, fmt=fmt, out=out, today=today)
        for fmt in ("html", "json", "csv")
    ]


def _demo_campaign(name: str, *, now: datetime) -> int:
    """Create the campaign and import its grid unless it already holds cells."""
    existing = Campaign.objects.filter(name=name).first()
    if existing is not None and not existing.is_demo:
        raise BarometreError(
            f"Une campagne « {name} » existe déjà et ne contient pas de données de "
            "démonstration : renommez-la avant de lancer quickstart."
        )
    campaign = campaign_create(
        name=name,
        spec=DEMO_COMMUNES,
        is_demo=True,
        exist_ok=True,
        measured_on=DEMO_MEASURED_ON.get(name),
    )
    if campaign.cells.exists():
        return 0
    grid = resources.files("barometre.demo").joinpath(f"data/{name}.csv")
    # decided when imported: never before the campaign existed (`now` is taken once, at the
    # start of quickstart, before the campaign was created)
    decided = max(now, campaign.created_at)
    with resources.as_file(grid) as path:
        summary = assessments_import(campaign=campaign, path=path, author=DEMO_AUTHOR, now=decided)
    return summary.cells
