"""Problems found in an imported file, grouped when they repeat. Pure: no ORM, no IO.

Used by every import that reads a file row by row (assessments, websites).

A file with one bad commune repeated on 126 rows reads better as one line ("1 commune n'est pas
dans la campagne : 13055 — 126 lignes : 3, 4, 5, …") than as 126. A problem that occurs fewer than
`GROUP_FROM` times is listed line by line. Memory stays bounded whatever the file: each group keeps
its count and only its first lines and subjects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barometre.core.typography import grouped

GROUP_FROM = 3  # a problem seen this many times or more is shown as one group
SHOWN_LINES = 5  # first lines listed for a group
SHOWN_SUBJECTS = 10  # first communes or services named for a group
MAX_GROUPS = 100  # distinct problems kept; the rest are counted

# kind -> (singular, plural) of the sentence that names a group's subjects.
_SUBJECT_KINDS = {
    "unknown_commune": ("commune inconnue du référentiel", "communes inconnues du référentiel"),
    "not_member": (
        "commune n'est pas dans la campagne",
        "communes ne sont pas dans la campagne",
    ),
    "unknown_service": ("service inconnu du catalogue", "services inconnus du catalogue"),
    "unknown_epci": ("EPCI inconnu", "EPCI inconnus"),
}


@dataclass(slots=True)
class _Group:
    text: str  # the problem of its first line
    first: int
    count: int = 0
    lines: list[tuple[int, str]] = field(default_factory=list)  # first lines and their text
    subjects: dict[str, None] = field(default_factory=dict)  # ordered set, capped
    more_subjects: bool = False


@dataclass(slots=True)
class Problems:
    """Collects (line, kind, subject, text) and renders them grouped, in the order of the file."""

    groups: dict[tuple[str, str], _Group] = field(default_factory=dict)
    dropped: int = 0
    total: int = 0

    def __bool__(self) -> bool:
        return self.total > 0

    def add(self, line: int, text: str, *, kind: str = "", subject: str = "") -> None:
        """Record a problem; `kind` and `subject` group problems that differ only by subject."""
        self.total += 1
        key = (kind, "") if kind in _SUBJECT_KINDS else (kind, text)
        group = self.groups.get(key)
        if group is None:
            if len(self.groups) >= MAX_GROUPS:
                self.dropped += 1
                return
            group = self.groups[key] = _Group(text, line)
        group.count += 1
        if len(group.lines) < SHOWN_LINES:
            group.lines.append((line, text))
        if subject and subject not in group.subjects:
            if len(group.subjects) < SHOWN_SUBJECTS:
                group.subjects[subject] = None
            else:
                group.more_subjects = True

    def has(self, kind: str) -> bool:
        """Whether a problem of this kind was recorded."""
        return any(k == kind for k, _ in self.groups)

    def render(self) -> list[str]:
        """One line per problem, or per group of repeated problems, in file order."""
        entries: list[tuple[int, str]] = []
        for (kind, _), group in self.groups.items():
            if group.count < GROUP_FROM:
                entries += [(n, f"ligne {n} : {text}") for n, text in group.lines]
            else:
                entries.append((group.first, _grouped(kind, group)))
        lines = [text for _, text in sorted(entries, key=lambda entry: entry[0])]
        if self.dropped:
            lines.append(f"… et {grouped(self.dropped)} autres problèmes d'autres sortes")
        return lines


def _grouped(kind: str, group: _Group) -> str:
    shown = ", ".join(str(n) for n, _ in group.lines)
    more = ", …" if group.count > len(group.lines) else ""
    where = f"{grouped(group.count)} lignes : {shown}{more}"
    if kind in _SUBJECT_KINDS:
        singular, plural = _SUBJECT_KINDS[kind]
        count = len(group.subjects)
        names = ", ".join(group.subjects) + (", …" if group.more_subjects else "")
        label = singular if count == 1 and not group.more_subjects else plural
        counted = f"{count}+" if group.more_subjects else str(count)
        return f"{counted} {label} : {names} — {where}"
    return f"{group.text} — {where}"
