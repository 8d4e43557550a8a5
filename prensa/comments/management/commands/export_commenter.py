import json
import os

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prensa.comments.export import ExportCommenter


class Command(BaseCommand):
    help = (
        "Write, as JSON, everything stored about a commenter found by their email address "
        "(comments, hashes, trust, bans): the answer to a GDPR access request."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the commenter's email address")
        parser.add_argument(
            "--output", metavar="FILE", help="write to this file instead of standard output"
        )

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        try:
            record = ExportCommenter(options["email"]).execute()
        except ValueError as error:
            raise CommandError(str(error)) from None
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            # Personal data: readable by the one who ran the command only.
            descriptor = os.open(options["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as output:
                output.write(text)
            self.stderr.write(f"Wrote {len(record['comments'])} comment(s) to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
