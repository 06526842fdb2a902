"""Store questionnaire versions and read them back as specs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.db import transaction

from barometre.core.errors import BarometreError
from barometre.survey.models import Questionnaire
from barometre.survey.questionnaire import (
    QuestionnaireSpec,
    default_questionnaire,
    questionnaire_parse,
    questionnaire_read,
)
from barometre.survey.scoring import Layout


@transaction.atomic
def questionnaire_store(*, spec: QuestionnaireSpec, raw: str) -> Questionnaire:
    """Return the stored version, creating it; refuse a changed file under the same version."""
    existing = Questionnaire.objects.filter(version=spec.version).first()
    if existing is not None:
        if existing.sha256 != spec.sha256:
            raise BarometreError(
                f"Le questionnaire version « {spec.version} » existe déjà avec un autre contenu : "
                "changez le champ « version » du fichier modifié."
            )
        return existing
    return Questionnaire.objects.create(
        version=spec.version, name=spec.name, sha256=spec.sha256, source=spec.source, raw=raw
    )


def questionnaire_load(*, path: Path) -> Questionnaire:
    """Validate a user's questionnaire file and store it (nothing is stored if it is invalid)."""
    spec = questionnaire_read(path)
    return questionnaire_store(spec=spec, raw=Path(path).read_text(encoding="utf-8"))


def questionnaire_default_stored() -> Questionnaire:
    from importlib import resources

    from barometre.survey.questionnaire import DEFAULT_QUESTIONNAIRE

    ref = resources.files("barometre.survey").joinpath(
        f"data/questionnaires/{DEFAULT_QUESTIONNAIRE}"
    )
    return questionnaire_store(spec=default_questionnaire(), raw=ref.read_text(encoding="utf-8"))


@lru_cache(maxsize=32)
def _parsed(sha256: str, raw: str) -> QuestionnaireSpec:
    return questionnaire_parse(raw.encode("utf-8"), source=f"base:{sha256[:12]}")


def questionnaire_spec(questionnaire: Questionnaire) -> QuestionnaireSpec:
    """The spec of a stored version (parsed once per content)."""
    return _parsed(questionnaire.sha256, questionnaire.raw)


def questionnaire_layout(spec: QuestionnaireSpec) -> Layout:
    return Layout(
        axes=tuple((a.id, tuple(s.id for s in a.statements)) for a in spec.axes),
        roles=tuple(spec.roles),
    )
