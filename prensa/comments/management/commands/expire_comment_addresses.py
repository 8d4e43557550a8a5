from django.core.management.base import BaseCommand

from prensa.comments import conf
from prensa.comments.actions import ExpireNetworkHashes


class Command(BaseCommand):
    help = (
        "Remove the hashed network addresses of comments and reports older than "
        "PRENSA_COMMENTS_IP_RETENTION_DAYS. Run it daily."
    )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        comments, reports = ExpireNetworkHashes().execute()
        self.stdout.write(
            f"Removed the network address hash of {comments} comment(s) and {reports} "
            f"report(s) older than {conf.ip_retention_days()} days."
        )
