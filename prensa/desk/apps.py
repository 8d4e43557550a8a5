from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "prensa.desk"
    verbose_name = "Translation desk"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects signal receivers)
