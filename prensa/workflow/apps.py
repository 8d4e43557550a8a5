from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    """Edition states and transitions (prensa.workflow.transitions), their log, scheduling."""

    name = "prensa.workflow"
    verbose_name = _("Workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .signals import edition_transitioned
        from .tasks import schedule_after_migrate, when_scheduled

        post_migrate.connect(schedule_after_migrate, sender=self, dispatch_uid="workflow-sweep")
        edition_transitioned.connect(when_scheduled, dispatch_uid="workflow-publish-at")
