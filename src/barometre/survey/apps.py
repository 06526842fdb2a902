from django.apps import AppConfig


class SurveyConfig(AppConfig):
    name = "barometre.survey"
    label = "survey"
    verbose_name = "Enquête de maturité interne"
