"""Programme text analysis (pure): quasi-sentences, digital themes, disruptive flag, evidence.

    from barometre.programmes.analysis import analyse_text, load_themes
    result = analyse_text(text, themes=load_themes())
    result.mentions_digital, result.themes, result.disruptive, result.evidence

No ORM, no network; spaCy's small French pipeline is loaded once, on first use.
"""

from barometre.programmes.analysis.classify import (
    classify_excerpts,
    excerpt_problems,
    excerpt_result,
)
from barometre.programmes.analysis.model import ProgrammeAnalysis, QuasiSentence
from barometre.programmes.analysis.pipeline import analyse_text, analyse_texts
from barometre.programmes.analysis.themes import Theme, ThemeSet, load_themes, themes_parse

__all__ = [
    "ProgrammeAnalysis",
    "QuasiSentence",
    "Theme",
    "ThemeSet",
    "analyse_text",
    "analyse_texts",
    "classify_excerpts",
    "excerpt_problems",
    "excerpt_result",
    "load_themes",
    "themes_parse",
]
