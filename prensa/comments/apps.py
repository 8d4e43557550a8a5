from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "prensa.comments"
    verbose_name = _("Reader comments")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
        from .notify import comment_posted_receiver
        from .signals import comment_posted

        comment_posted.connect(comment_posted_receiver, dispatch_uid="comments-notify")

        from django.db.models.signals import post_migrate

        from .tasks import schedule_after_migrate

        post_migrate.connect(schedule_after_migrate, sender=self, dispatch_uid="comments-expiry")
