from django.core.management.base import BaseCommand, CommandError, CommandParser

from prensa.comments.actions import ForgetCommenter


class Command(BaseCommand):
    help = (
        "Remove everything a commenter posted, found by their email address. Comments "
        "others replied to are erased in place (no name, text or hashes); the rest are deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the commenter's email address")
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be removed, change nothing"
        )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        action = ForgetCommenter(options["email"])
        try:
            deleted, erased = action.execute(dry_run=options["dry_run"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        prefix = "Would remove" if options["dry_run"] else "Removed"
        self.stdout.write(
            f"{prefix} {deleted + erased} comment(s): {deleted} deleted, "
            f"{erased} erased in place because others replied to them."
        )
