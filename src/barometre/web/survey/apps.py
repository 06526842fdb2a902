from django.apps import AppConfig


class SurveyWebConfig(AppConfig):
    """Registered only so that its templates are found (it holds no model)."""

    name = "barometre.web.survey"
    label = "survey_web"
