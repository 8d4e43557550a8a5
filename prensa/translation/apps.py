from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "prensa.translation"
    verbose_name = "Translation desk"
