"""`prensa publish_due`: publish the scheduled editions whose time has come, now.

The worker does this by itself (prensa.workflow.tasks); this is for cron, or by hand.
"""

from django.core.management.base import BaseCommand

from prensa.workflow.tasks import publish_due


class Command(BaseCommand):
    help = "Publish every scheduled edition whose time has come (the worker does it by itself)."

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        for entry in publish_due():
            self.stdout.write(
                f"Edition {entry.edition_id} ({entry.edition.language}): "
                f"{entry.from_state} -> {entry.to_state}"
            )
