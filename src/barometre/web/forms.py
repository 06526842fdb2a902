"""Forms of the auditors' workspace. They validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from barometre.assessments.services.draw import SIZE_MAX
from barometre.assessments.services.review import (
    MAX_JUSTIFICATION,
    Decision,
    evidence_url_problem,
    justification_too_long,
)
from barometre.outputs.labels import LEVEL_NAMES

LEVEL_CHOICES = [(str(k), _(v)) for k, v in LEVEL_NAMES.items()] + [("na", _("sans objet"))]


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Identifiant"), max_length=150)
    # as typed: spaces around a password are part of it (CharField strips them by default), and
    # as long as an account's may be (roles.user_create: 1,024 characters)
    password = forms.CharField(
        label=_("Mot de passe"), widget=forms.PasswordInput, max_length=1024, strip=False
    )


def _evidence_help(*, blank: bool, arbitration: bool = False) -> Promise:
    """The evidence field's help: for a blind coder, an arbiter, or a reviewer."""
    if arbitration:  # assessments.services.review._with_coder_evidence
        return _(
            "Laissée vide, l'adresse donnée par un codeur qui a répondu le niveau retenu est "
            "reprise, sinon la preuve du niveau affiché ; un niveau de 1 ou plus sans preuve "
            "est refusé."
        )
    # a reviewer's empty address keeps the evidence of the level shown (the proposal's when
    # going back to its level: review._evidence_kept); a level of 1 or more
    # with none is refused (assessments.services.review): the field said « facultative ».
    # Blind, agreeing levels of 1 or more with no address and none on the cell wait for
    # arbitration (_codings_settle): « Facultative. » alone let coders find out afterwards
    return (
        _(
            "Facultative, mais recommandée pour un niveau de 1 ou plus : sans elle, deux "
            "réponses concordantes peuvent devoir attendre un arbitrage."
        )
        if blank
        else _(
            "Laissée vide, la preuve du niveau affiché est gardée, ou celle de la proposition "
            "automatique si vous revenez à son niveau ; un niveau de 1 ou plus sans preuve est "
            "refusé."
        )
    )


def _level_required(arbitration: bool) -> str:
    """The error of a decision sent without a level; an arbitration's says why none was
    chosen for the arbiter."""
    if arbitration:
        return _(
            "Choisissez le niveau que retient l'arbitrage : aucun n'est présélectionné, "
            "les réponses des codeurs et la proposition automatique sont rappelées au-dessus."
        )
    return _("Choisissez un niveau.")


class DecisionForm(forms.Form):
    level = forms.ChoiceField(label=_("Niveau retenu"), choices=LEVEL_CHOICES)
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        # the page's fields have no maxlength (it cut a pasted text without a word): said by
        # `clean_justification`, with the count typed
    )
    evidence_url = forms.CharField(
        label=_("Adresse de la preuve (http ou https)"),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("L'adresse de la preuve dépasse 2 000 caractères.")},
    )

    def __init__(
        self,
        *args: Any,
        max_level: int = 5,
        require_justification: bool = True,
        blank: bool = False,
        arbitration: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [c for c in LEVEL_CHOICES if c[0] == "na" or int(c[0]) <= max_level]
        # a blind coder picks a level, and so does an arbiter (the automatic proposal
        # preselected would anchor them): nothing is preselected, nothing means no answer
        if blank or arbitration:
            choices = [("", _("— choisir —")), *choices]
        self.fields["level"].choices = choices
        self.fields["level"].error_messages["required"] = _level_required(arbitration)
        # a level the service does not reach (a page opened before its catalogue changed, or a
        # forged form): Django's « Sélectionnez un choix valide » said neither why nor which
        self.fields["level"].error_messages["invalid_choice"] = _(
            "Ce service va du niveau 0 au niveau %(max)s, ou « sans objet » : "
            "choisissez un niveau de la liste."
        ) % {"max": max_level}
        self.fields["justification"].required = require_justification
        # Django's « Ce champ est obligatoire » said neither why nor what to write
        self.fields["justification"].error_messages["required"] = _(
            "Justifiez la correction (ce que montre le site) : elle est gardée avec le "
            "niveau dans l'historique de la cellule."
        )
        self.fields["evidence_url"].help_text = _evidence_help(blank=blank, arbitration=arbitration)
        if blank:  # a blind coder's note: said unlabelled, whether to write one was a guess
            self.fields["justification"].help_text = _(
                "Facultative : le coordinateur qui arbitre la cellule la lit si les deux "
                "réponses diffèrent ; elle n'est pas publiée."
            )

    def level_options(self) -> list[tuple[str, str, bool]]:
        """The level select's options (value, label, selected). The level sent or restored is
        selected even when the list does not hold it (a level above the service's maximum, or
        a form opened before the catalogue changed): shown apart, marked, so that the select
        never falls back to its first option (level 0, absent) without the auditor choosing it;
        an unknown value selects the blank option (to choose)."""
        field = self.fields["level"]
        current = self["level"].value()
        chosen = "" if current is None else str(current)
        options = [(str(v), str(label), str(v) == chosen) for v, label in field.choices]
        if not chosen or any(selected for _v, _l, selected in options):
            return options
        names = {value: label for value, label in LEVEL_CHOICES}
        if chosen in names:
            label = _("%(level)s (hors de l'échelle de ce service)") % {"level": names[chosen]}
            at = next(i for i, (v, _l, _s) in enumerate(options) if v == "na")  # levels in order
            return [*options[:at], (chosen, str(label), True), *options[at:]]
        if options and options[0][0] == "":  # the blind form's blank option
            return [(v, label, v == "") for v, label, _s in options]
        return [("", str(_("— choisir —")), True), *options]

    def clean_justification(self) -> str:
        # a browser sends each line break as CR LF: counted as two, a justification of 5,000
        # characters in the auditor's editor was refused as longer, one more per line
        text = self.cleaned_data["justification"].replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > MAX_JUSTIFICATION:
            raise forms.ValidationError(justification_too_long(len(text)))
        return text

    def clean_evidence_url(self) -> str:
        url = self.cleaned_data["evidence_url"].strip()
        if problem := evidence_url_problem(url):
            raise forms.ValidationError(problem[0].upper() + problem[1:] + ".")
        return url

    def decision(self) -> Decision:
        level = self.cleaned_data["level"]
        return Decision(
            level=None if level == "na" else int(level),
            not_applicable=level == "na",
            justification=self.cleaned_data["justification"],
            evidence_url=self.cleaned_data["evidence_url"],
        )


class WholeNumberField(forms.IntegerField):
    """A whole number typed in a text field (the form is checked here, not by the browser:
    `novalidate`): the spaces a French reader groups thousands with (« 1 000 », a no-break
    space) are left out; "12,5" or "douze" is refused with the field's own message."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = "".join(value.split())  # every space, the no-break ones too
        return super().to_python(value)


# Seeds beyond this are no draw anyone types; a longer number was refused by no one and
# printed whole in every message of the draw.
SEED_MAX = 10**12 - 1


class SampleForm(forms.Form):
    # a draw refused for want of what only the server's commands do (ServerCommandNeeded)
    server_commands: tuple[str, ...] = ()
    admin_page: str = ""  # the admin page doing what the commands do, for an administrator
    # French messages that say the range: Django's (« Assurez-vous que cette valeur est
    # supérieure ou égale à 1 ») named neither the field nor what to type
    size = WholeNumberField(
        label=_("Nombre de cellules à tirer"),
        min_value=1,
        max_value=SIZE_MAX,
        error_messages={
            "required": _("Indiquez combien de cellules tirer, de 1 à 5 000."),
            "invalid": _(
                "Le nombre de cellules à tirer est un nombre entier, de 1 à 5 000, sans "
                "virgule ni lettre."
            ),
            "min_value": _("Le nombre de cellules à tirer va de 1 à 5 000."),
            "max_value": _("Le nombre de cellules à tirer va de 1 à 5 000."),
        },
    )
    seed = WholeNumberField(
        label=_("Graine du tirage"),
        min_value=0,
        max_value=SEED_MAX,
        error_messages={
            "required": _("Indiquez une graine : un nombre entier de 0 ou plus, à votre choix."),
            "invalid": _("La graine est un nombre entier de 0 ou plus, sans virgule ni lettre."),
            "min_value": _("La graine est un nombre entier de 0 ou plus."),
            "max_value": _("La graine a au plus 12 chiffres."),
        },
    )
