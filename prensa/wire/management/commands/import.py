"""`prensa import SOURCE…`: wire copy from files, folders or http(s) addresses, as drafts."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from prensa.wire.importing import Report, import_source


class Command(BaseCommand):
    help = (
        "Import stories from ninjs, NewsML-G2, RSS/Atom, text or Markdown files, folders of "
        "them, or web pages (http/https). Each becomes a draft; a story imported before (same "
        "guid, uri or address) is updated or skipped. Exits non-zero if any item is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="File, folder or URL.")
        parser.add_argument(
            "--translate",
            action="store_true",
            help="Queue drafts of each imported story in the other two languages.",
        )
        parser.add_argument(
            "--section", default="", metavar="SLUG", help="File every story in this section."
        )

    def handle(self, *args: object, **options: object) -> None:
        report = Report()
        for source in options["sources"]:  # type: ignore[union-attr]
            report.extend(
                import_source(
                    str(source),
                    None,
                    bool(options["translate"]),
                    section=str(options["section"]),
                )
            )
        for outcome in report.outcomes:
            stream = self.stderr if outcome.refused else self.stdout
            stream.write(outcome.line())
        counts = report.counts()
        summary = ", ".join(f"{n} {result}" for result, n in counts.items())
        self.stdout.write(summary)
        if not report.ok:
            refused = counts["refused"]
            raise CommandError(
                ngettext("%(count)d item refused.", "%(count)d items refused.", refused)
                % {"count": refused},
                returncode=1,
            )
