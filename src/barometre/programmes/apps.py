from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "barometre.programmes"
    label = "programmes"
