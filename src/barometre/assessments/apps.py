from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "barometre.assessments"
    label = "assessments"
