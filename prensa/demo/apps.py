from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "prensa.demo"
    label = "prensa_demo"
    verbose_name = "Demo newsroom"
