from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API at /api/: reads for everyone, as JSON and IPTC ninjs."""

    name = "prensa.api"
    verbose_name = "API"
