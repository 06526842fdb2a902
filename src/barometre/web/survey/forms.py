"""Forms of the respondent pages: who answers, then one page per axis."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from barometre.core.echo import echoed
from barometre.survey.questionnaire import AxisSpec, QuestionnaireSpec

DONT_KNOW = "nsp"


class EchoedChoiceField(forms.ChoiceField):
    """A choice field whose refusal of a value it does not offer names the value cut and without
    its control characters (Django's « %(value)s n'en fait pas partie » echoed it whole: a NUL
    byte or ten thousand characters of a forged form in the page)."""

    def validate(self, value: object) -> None:
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": echoed(value)},
            ) from None


class WhoForm(forms.Form):
    role = EchoedChoiceField(
        label=_("Votre rôle"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez votre rôle.")},
    )
    unit = EchoedChoiceField(
        label=_("Votre collectivité"),
        required=False,
        error_messages={"required": _("Choisissez votre collectivité.")},
    )

    def __init__(
        self, *args: object, spec: QuestionnaireSpec, units: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = list(spec.roles.items())
        if len(units) > 1:
            self.fields["unit"].choices = [("", _("Choisissez")), *units]
            self.fields["unit"].required = True
        else:
            del self.fields["unit"]


class AxisForm(forms.Form):
    """One radio group per statement: 0..4 or "je ne sais pas"."""

    def __init__(
        self, *args: object, spec: QuestionnaireSpec, axis: AxisSpec, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [(str(v), label) for v, label in enumerate(spec.scale)]
        choices.append((DONT_KNOW, spec.dont_know))
        for statement in axis.statements:
            self.fields[statement.id] = EchoedChoiceField(
                label=statement.text,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choisissez une réponse.")},
            )

    def answers(self) -> dict[str, int | None]:
        return {
            key: None if value == DONT_KNOW else int(value)
            for key, value in self.cleaned_data.items()
        }


def error_links(form: forms.Form) -> list[tuple[str, str, str]]:
    """The form's field errors for the summary at the top of its page (DSFR): the id each
    links to (a radio group's first answer, else the field), the field's label, its error."""
    links = []
    for field in form:
        if field.errors:
            radios = isinstance(field.field.widget, forms.RadioSelect)
            target = f"{field.auto_id}_0" if radios else str(field.auto_id)
            # « …par an. : Choisissez » read badly: the label without its full stop
            links.append((target, str(field.label).rstrip("."), " ".join(field.errors)))
    return links
