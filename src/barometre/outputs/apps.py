from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "barometre.outputs"
    label = "outputs"
