"""What an import says about each file, and about the whole run."""

from __future__ import annotations

from dataclasses import dataclass

from barometre.core.plural import counted

# Outcome statuses, in the order the report lists them.
IMPORTED, NO_TEXT, FOREIGN, REPLACED, ALREADY, DUPLICATE, REFUSED = (
    "imported",
    "no_text",
    "foreign",
    "replaced",
    "already",
    "duplicate",
    "refused",
)
STATUS_LABELS = {
    IMPORTED: "importé",
    NO_TEXT: "importé sans texte",
    FOREIGN: "importé sans lecture (autre langue)",
    REPLACED: "remplacé",
    ALREADY: "déjà importé",
    DUPLICATE: "doublon refusé",
    REFUSED: "refusé",
}
STATUS_PLURALS = {
    IMPORTED: "importés",
    NO_TEXT: "importés sans texte",
    FOREIGN: "importés sans lecture (autre langue)",
    REPLACED: "remplacés",
    ALREADY: "déjà importés",
    DUPLICATE: "doublons refusés",
    REFUSED: "refusés",
}
# the message of a file already imported whose metadata the import changed (storage._already)
UPDATED = "mis à jour :"


@dataclass(frozen=True, slots=True)
class FileOutcome:
    source: str
    status: str  # one of STATUS_LABELS
    message: str = ""  # French; why it was refused, or a warning (e.g. same text elsewhere)
    programme_id: int | None = None
    line: int | None = None  # manifest line
    pages: int | None = None
    tokens: int = 0

    def describe(self) -> str:
        where = f"ligne {self.line} — " if self.line else ""
        detail = f" : {self.message}" if self.message else ""
        source = self.source if len(self.source) <= 200 else f"{self.source[:200]}…"
        return f"{where}{source} : {STATUS_LABELS[self.status]}{detail}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    outcomes: tuple[FileOutcome, ...]
    seconds: float

    def count(self, *statuses: str) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)

    @property
    def pages(self) -> int:
        return sum(
            o.pages or 0
            for o in self.outcomes
            if o.status in {IMPORTED, REPLACED, NO_TEXT, FOREIGN}
        )

    @property
    def tokens(self) -> int:
        return sum(o.tokens for o in self.outcomes)

    def summary(self) -> str:
        parts = [
            counted(self.count(s), STATUS_LABELS[s], STATUS_PLURALS[s]) + self._updated(s)
            for s in STATUS_LABELS
            if self.count(s)
        ]
        files = counted(len(self.outcomes), "fichier", "fichiers")
        return f"{files} : " + (", ".join(parts) or "aucun")

    def _updated(self, status: str) -> str:
        """(dont 1 mis à jour) after the files already imported whose head of list, result,
        source or date the manifest changed: a re-import that changed something says so."""
        if status != ALREADY:
            return ""
        n = sum(1 for o in self.outcomes if o.status == ALREADY and o.message.startswith(UPDATED))
        return f" (dont {n} mis à jour)" if n else ""
