"""Writes to assessments: every new value is kept, and the cell points to the value that counts."""

from barometre.assessments.services.export import assessments_export, assessments_template
from barometre.assessments.services.imports import ImportSummary, assessments_import
from barometre.assessments.services.record import (
    AutoValue,
    NewValue,
    assessment_record,
    assessments_record_auto,
    assessments_record_many,
)

__all__ = [
    "AutoValue",
    "ImportSummary",
    "NewValue",
    "assessment_record",
    "assessments_export",
    "assessments_import",
    "assessments_template",
    "assessments_record_auto",
    "assessments_record_many",
]
