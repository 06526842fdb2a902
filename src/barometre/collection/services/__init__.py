"""Collection services: audit campaigns (live or from WARC archives) and read the evidence."""

from barometre.collection.services.archive import (
    EvidenceView,
    campaign_audit_from_warc,
    evidence_get,
)
from barometre.collection.services.audit import (
    AuditOptions,
    AuditSummary,
    campaign_audit,
    catalogue_spec,
)
from barometre.collection.services.consumer import AuditProgress

__all__ = [
    "AuditOptions",
    "AuditProgress",
    "AuditSummary",
    "EvidenceView",
    "campaign_audit",
    "campaign_audit_from_warc",
    "catalogue_spec",
    "evidence_get",
]
