from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "prensa.public"
    verbose_name = "Reader site"
