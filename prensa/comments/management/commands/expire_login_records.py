from django.core.management.base import BaseCommand

from prensa.comments.tasks import expire_login_records, login_record_retention


class Command(BaseCommand):
    help = (
        "Delete django-axes' records of staff logins (raw network address and User-Agent) "
        "older than PRENSA_LOGIN_RECORD_RETENTION_DAYS. The task worker does it every day."
    )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        removed = expire_login_records()
        self.stdout.write(
            f"Removed {removed} record(s) of staff logins older than "
            f"{login_record_retention().days} days."
        )
