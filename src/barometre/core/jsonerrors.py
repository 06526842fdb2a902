"""Why a line is not JSON, in French: the json module's messages are English."""

from __future__ import annotations

import json

_JSON_REASONS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Expecting ':' delimiter": "« : » attendu",
    "Expecting ',' delimiter": "« , » attendu",
    "Unterminated string starting at": "chaîne sans guillemet fermant",
    "Invalid control character at": "caractère de contrôle dans une chaîne",
    "Invalid \\escape": "séquence « \\ » invalide",
    "Extra data": "texte après la fin de l'objet",
}

TOO_DEEP = "JSON invalide (imbrication trop profonde)"


def json_problem(error: json.JSONDecodeError) -> str:
    """« JSON invalide (colonne 3 : valeur attendue) »: the column, and the reason when known."""
    reason = _JSON_REASONS.get(error.msg)
    return f"JSON invalide (colonne {error.colno}" + (f" : {reason})" if reason else ")")
