from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "barometre.core"
    label = "core"
