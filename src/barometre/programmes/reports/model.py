"""What a programme report holds: frozen dataclasses, rendered as JSON, CSV or HTML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from barometre.core.proportions import Difference, Share


@dataclass(frozen=True, slots=True)
class BracketRow:
    bracket: str
    label: str
    n_communes: int
    digital: Share  # programmes that mention digital / programmes
    # ... leaving out those whose only digital sentences are about video-protection
    digital_without_video_protection: Share


@dataclass(frozen=True, slots=True)
class ThemeRow:
    theme: str
    label: str
    disruptive_by_default: bool
    programmes: Share  # programmes citing the theme / programmes
    sentences: int  # quasi-sentences carrying the theme


@dataclass(frozen=True, slots=True)
class ElectionSummary:
    election: int
    n_programmes: int  # analysed programmes counted (one per list, see docs/programmes.md)
    n_communes: int
    n_without_text: int  # PDFs without a text layer: known, left out of every share
    n_other_language: int  # programmes not in French: kept, not read, left out of every share
    digital: Share
    # programmes that mention digital other than video-protection alone / programmes
    # (PROGRAMMES.md: comparable with studies that leave video-protection out)
    digital_without_video_protection: Share
    by_bracket: tuple[BracketRow, ...]
    themes: tuple[ThemeRow, ...]
    disruptive: Share  # programmes with a disruptive proposal / programmes
    disruptive_among_digital: Share  # ... / programmes that mention digital
    digital_sentences: int
    disruptive_sentences: int


# Fewer programmes read in either election: a change is printed, never read as significant or
# not (« trop peu de programmes »), in the report and on the web pages alike.
FEW_PROGRAMMES = 5


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    bracket: str  # "all" for every commune
    label: str
    current: Share
    other: Share
    change: Difference  # current - other, Newcombe 95 % interval
    few: bool = False  # 1 to FEW_PROGRAMMES - 1 programmes read on one side


@dataclass(frozen=True, slots=True)
class Comparison:
    other: ElectionSummary
    rows: tuple[ComparisonRow, ...]


@dataclass(frozen=True, slots=True)
class EvidenceSentence:
    index: int
    text: str
    themes: tuple[str, ...]
    disruptive: bool


@dataclass(frozen=True, slots=True)
class ListRow:
    programme_id: int
    list_name: str
    head_of_list: str
    round: int
    won: bool
    status: str
    problem: str
    unread: str  # French: why the programme was not read (no text…), "" when it was
    mentions_digital: bool
    themes: tuple[str, ...]
    disruptive: bool
    sentences: tuple[EvidenceSentence, ...]
    source_url: str | None = None  # where the list published it (None: unknown)
    published_on: str | None = None  # when, ISO date (2020-02-15; None: unknown)
    # the document it was read in, as the pages show it: its file's name, format (pdf, html,
    # docx, text), pages (PDF only, else None), and whether OCR read it (a PDF of images)
    file_name: str = ""
    file_format: str = ""
    page_count: int | None = None
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class CommuneRow:
    code: str
    name: str
    population: int
    bracket: str
    lists: tuple[ListRow, ...]


@dataclass(frozen=True, slots=True)
class Promise:
    """A theme promised by a list, set beside the measured levels of the related services."""

    commune_code: str
    commune_name: str
    list_name: str
    won: bool
    theme: str
    theme_label: str
    sentence: str  # the first quasi-sentence that carries the theme
    campaign: str
    measured_year: int
    scope: str  # French: which services were looked at
    services: tuple[str, ...]
    n_cells: int  # applicable cells measured
    mean_level: float | None
    at_level_3_or_more: int
    statement: str  # French, one line
    # the theme's services in the latest campaign measured before the election's first round
    # (those measured then: not always the same ones as after, when the catalogue changed)
    # ("" and zeros when there is none)
    before_campaign: str = ""
    before_year: int | None = None
    before_n_cells: int = 0
    before_mean_level: float | None = None
    before_at_level_3_or_more: int = 0
    # the theme's services « sans objet » in the commune (no level: not in n_cells), after
    # and before the election
    n_not_applicable: int = 0
    before_n_not_applicable: int = 0


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One theme: how the levels of its services changed where the elected list promised it
    and elsewhere."""

    theme: str
    theme_label: str
    scope: str  # French: which services were looked at
    promised_communes: int
    promised_change: float | None  # mean of the communes' changes; None without communes
    other_communes: int
    other_change: float | None
    difference: float | None  # promised_change - other_change
    p_value: (
        float | None
    )  # Mann-Whitney U, two-sided; None below follow_up.MIN_GROUP in either group
    statement: str  # French, one line


@dataclass(frozen=True, slots=True)
class FollowUpBasis:
    """What the follow-up rests on: the communes whose elected list's programme was read, those
    of them measured both before and after the election (the only ones counted), and the
    campaigns used on each side (« demo-2026 (2026) », latest first)."""

    elected_read: int
    measured_both: int
    campaigns_after: tuple[str, ...]
    campaigns_before: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProgrammeReport:
    election: int
    generated_at: dt.datetime
    # when the election's programmes were read (import or reanalyse): the dates of the figures
    read_from: dt.datetime | None
    read_to: dt.datetime | None
    # the themes file version(s) the figures were read with ("2026.11, 2026.12" when a
    # reanalysis is half done; "" when none was read), and the current file's
    themes_version: str
    current_themes_version: str
    summary: ElectionSummary
    comparison: Comparison | None
    communes: tuple[CommuneRow, ...]
    promises: tuple[Promise, ...]
    # per theme, the change of the related services' levels where the elected list promised it
    # and elsewhere (follow_up.py); empty for a report limited to one commune
    follow_up: tuple[FollowUp, ...] = ()
    # what the follow-up rests on (None: no follow-up, as for a report limited to one commune)
    follow_up_basis: FollowUpBasis | None = None
    # the themes without a row of `follow_up` (ids, in the themes file's order): none relates
    # to a service of the scale, or none was measured on both sides; empty without a table
    follow_up_absent: tuple[str, ...] = ()
    # the demonstration's made-up programmes (and campaigns), never a real reading
    is_demo: bool = False
    # `--commune`: the INSEE code the per-commune detail and the promises are limited to (the
    # summary, comparison and shares stay the whole election's); None for every commune
    commune: str | None = None
