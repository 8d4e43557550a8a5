from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "prensa.desk"
    verbose_name = _("Translation desk")

    def ready(self) -> None:
        from prensa.workflow import gates

        from . import receivers  # noqa: F401  (connects signal receivers)
        from .gate import review_gate

        gates.register(review_gate)  # every publication of a translation passes it
