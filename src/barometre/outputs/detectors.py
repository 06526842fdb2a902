"""What the reports say of the detector versions behind a campaign's automatic proposals.

The audit records the version of the detector that read each site (`SiteAudit.detector`,
`detection.version`). The same page may get another level from another version, so a report
names the versions behind its automatic levels, says when they are not the one whose accuracy
the methodology gives, and warns when two compared campaigns were read by different versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from barometre.core.plural import counted
from barometre.core.typography import grouped
from barometre.detection.version import detector_version
from barometre.outputs.data import ReportData


def _named(detectors: tuple[tuple[str, int], ...]) -> str:
    """ "0.1.0+5cfa8126587b (6 sites), version non enregistrée (2 sites)"."""
    return ", ".join(
        _("%(version)s (%(sites)s)")
        % {
            "version": version or _("version non enregistrée"),
            # "6 sites" kept on one line
            "sites": counted(sites, "site", "sites").replace(" ", "\u00a0"),
        }
        for version, sites in detectors
    )


def detector_note(campaign: str, detectors: tuple[tuple[str, int], ...]) -> str:
    """The sentence on the detector versions that read the campaign's sites (`detectors`, as
    `CampaignInfo.detectors`), or "" when none was audited (levels imported from a file)."""
    if not detectors:
        return ""
    versions = [version for version, _sites in detectors]
    sentence = _("Les propositions automatiques de %(campaign)s viennent du détecteur %(named)s.")
    if len(versions) > 1:
        sentence = _(
            "Les propositions automatiques de %(campaign)s viennent de %(count)s versions du "
            "détecteur : %(named)s ; une partie des écarts entre communes peut venir du "
            "détecteur, pas des sites."
        )
    text = sentence % {"campaign": campaign, "count": len(versions), "named": _named(detectors)}
    if versions != [detector_version()]:
        text += " " + _(
            "La justesse donnée par la méthodologie est celle du détecteur actuel, %(current)s."
        ) % {"current": detector_version()}
    return str(text)


def detectors_compared_note(data: ReportData) -> str:
    """The warning of a comparison between campaigns read by different detector versions, or
    of a campaign's unreviewed proposals compared with levels no detector read; "" otherwise."""
    if data.reference is None:
        return ""
    if not data.detectors_differ:
        return _instruments_note(data)
    return str(
        _(
            "Les propositions automatiques de %(before)s (%(named_before)s) et de %(after)s "
            "(%(named_after)s) viennent de versions différentes du détecteur : sur les cellules "
            "qu'aucun auditeur n'a relues, une partie de l'évolution peut venir du détecteur, "
            "pas des sites."
        )
        % {
            "before": data.reference.name,
            "named_before": _named(data.reference.detectors),
            "after": data.campaign.name,
            "named_after": _named(data.campaign.detectors),
        }
    )


@dataclass(frozen=True, slots=True)
class MeasurementMix:
    """A comparison between levels no detector read (the reference's) and a campaign whose
    measured cells are in part automatic proposals no auditor reviewed."""

    automatic_cells: int  # the campaign's unreviewed automatic proposals, « sans objet » included
    measured_cells: int  # the campaign's measured cells, whatever their origin

    def as_json(self) -> dict[str, Any]:
        """The JSON report's `comparison.measurement_mix`."""
        return {
            "reference_from_detector": False,
            "automatic_cells": self.automatic_cells,
            "measured_cells": self.measured_cells,
        }


def measurement_mix(data: ReportData) -> MeasurementMix | None:
    """The two ways of measuring a comparison mixes, or None when it mixes none: the reference's
    levels come from no detector (a study imported from its grid, an earlier campaign coded by
    hand), the campaign's sites were audited and some of its cells are automatic proposals no
    auditor reviewed, and some cells pair (a comparison of nothing shows no change to warn of)."""
    origins, reference, comparison = data.origins, data.reference, data.comparison
    if reference is None or reference.detectors or not data.campaign.detectors:
        return None
    if origins is None or not origins.automatic:
        return None
    if comparison is not None and comparison.why_empty is not None:
        return None
    return MeasurementMix(automatic_cells=origins.automatic, measured_cells=origins.total)


def _instruments_note(data: ReportData) -> str:
    """The warning of a comparison between levels no detector read (a study imported from its
    grid, an earlier campaign coded by hand) and a campaign whose levels are in part automatic
    proposals no auditor reviewed: the change mixes two ways of measuring."""
    mix = measurement_mix(data)
    if mix is None or data.reference is None:
        return ""
    return str(
        _(
            "Les niveaux de %(before)s ne viennent pas du détecteur (importés ou saisis) ; en "
            "%(after)s, %(automatic)s sur %(measured)s sont des propositions automatiques "
            "qu'aucun auditeur n'a relues : une partie de l'évolution peut venir de la façon de "
            "mesurer, pas des sites."
        )
        % {
            "before": data.reference.name,
            "after": data.campaign.name,
            "automatic": grouped(mix.automatic_cells),
            # "410 sur 450 cellules mesurées": the count says what it counts
            "measured": counted(mix.measured_cells, "cellule mesurée", "cellules mesurées"),
        }
    )
