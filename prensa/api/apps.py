from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API at /api/: reads for everyone, writes with a token, as JSON and ninjs."""

    name = "prensa.api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import imports, writes  # noqa: F401  (register their operations on the API)
