"""One JSON object in, one out: the record formats of `barometre classify` (pure)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from barometre.core.jsonerrors import TOO_DEEP, json_problem
from barometre.detection.analyse import analyse_page
from barometre.detection.model import Page, PageAnalysis, Signal
from barometre.detection.platforms import PlatformRegistry
from barometre.referential.catalogue import CatalogueSpec


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one input line: an output record, or the French reason it was refused."""

    line: int
    record: dict[str, Any] | None
    problem: str = ""


def page_from_record(data: object) -> Page:
    """`{"id", "url", "html"}` or `{"id", "url", "text"}` to a Page; ValueError in French."""
    if not isinstance(data, dict):
        raise ValueError("un objet JSON est attendu")
    page_id, url = data.get("id"), data.get("url")
    if not isinstance(page_id, str | int) or isinstance(page_id, bool) or page_id == "":
        raise ValueError("champ « id » manquant ou vide (une chaîne ou un entier)")
    if not isinstance(url, str) or not url.strip():
        raise ValueError("champ « url » manquant ou vide (une chaîne)")
    html, text = data.get("html"), data.get("text")
    if html is None and text is None:
        raise ValueError("il faut un champ « html » ou « text »")
    if not isinstance(html, str | None) or not isinstance(text, str | None):
        raise ValueError("« html » et « text » doivent être des chaînes")
    status = data.get("status", 200)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 999:
        raise ValueError("« status » doit être un code HTTP entier (100 à 999)")
    return Page(url=url, html=html, text=text, status=status)


def _signal_record(signal: Signal) -> dict[str, Any]:
    return {
        "kind": signal.kind,
        "detail": signal.detail,
        "url": signal.url,
        "level": signal.level,
        "quote": signal.quote,
    }


def analysis_record(page_id: object, analysis: PageAnalysis) -> dict[str, Any]:
    """The output record: every catalogue service the page is about, with level and evidence."""
    return {
        "id": page_id,
        "url": analysis.url,
        "services": [
            {
                "service": m.service,
                "level": m.level,
                "rule_level": m.rule_level,
                "confidence": m.confidence,
                "signals": [_signal_record(s) for s in m.signals],
                # the signals that carried the level (those at or above it, before the cap),
                # each with the page's words where it was read (`quote`)
                "level_signals": [_signal_record(s) for s in m.signals if s.level >= m.level],
                "rationale": m.rationale,
            }
            for m in analysis.services
        ],
    }


def classify_lines(
    lines: Iterable[str | bytes], *, catalogue: CatalogueSpec, platforms: PlatformRegistry
) -> Iterator[Outcome]:
    """Analyse each JSONL line; a bad line gives an Outcome with its problem, not an exception.

    Lines may be bytes (a file read in binary, split at newlines only): each is decoded as
    UTF-8 on its own, so one badly encoded line is refused and the others are still read, and
    a line separator inside a JSON string (U+2028, which scraped HTML holds) splits nothing.
    An id given to an earlier line refuses the later one: results are joined back by id.
    """
    seen: dict[tuple[type, object], int] = {}
    for number, raw in enumerate(lines, start=1):
        try:
            line = _decoded(raw, number)
            if not line.strip():
                continue
            data, page = _read(line)
            _first_of_its_id(data["id"], number, seen)
        except _Refused as refused:
            yield Outcome(number, None, f"ligne {number} : {refused}")
            continue
        analysis = analyse_page(page, catalogue=catalogue, platforms=platforms)
        yield Outcome(number, analysis_record(data["id"], analysis))


class _Refused(Exception):
    """Why one line is refused (French); the other lines are still read."""


def _decoded(raw: str | bytes, number: int) -> str:
    if not isinstance(raw, bytes):
        return raw
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise _Refused(
            f"encodage invalide (UTF-8 attendu ; octet illisible à la position {error.start + 1})"
        ) from error


def _read(line: str) -> tuple[dict[str, Any], Page]:
    try:
        data = json.loads(line)
        return data, page_from_record(data)
    except json.JSONDecodeError as error:
        raise _Refused(json_problem(error)) from error
    except RecursionError as error:  # "[[[[…": Python's stack, not a crash
        raise _Refused(TOO_DEEP) from error
    except ValueError as error:
        raise _Refused(str(error)) from error


def _first_of_its_id(ident: object, number: int, seen: dict[tuple[type, object], int]) -> None:
    """An id given to an earlier line refuses the later one: results are joined back by id."""
    first = seen.setdefault((type(ident), ident), number)
    if first != number:
        raise _Refused(f"identifiant « {ident} » déjà donné ligne {first} (chaque page a le sien)")
