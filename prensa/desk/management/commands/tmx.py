"""`prensa tmx export|import`: the translation memory as TMX."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prensa.desk.actions import ActionError
from prensa.desk.exchange import ExportMemory, ImportMemory, ImportRefused


class Command(BaseCommand):
    help = (
        "Export the translation memory as TMX (one pair with --pair en-pt, or all), or "
        "import a TMX file (every unit or none)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("file", nargs="?", help="The TMX file to import.")
        parser.add_argument("--pair", default="", help="Export one pair only, e.g. en-pt.")
        parser.add_argument("--output", "-o", help="Where to write the export (default: stdout).")

    def handle(
        self, *args, action: str, file: str | None, pair: str, output: str | None, **options
    ) -> None:  # type: ignore[no-untyped-def]
        try:
            if action == "export":
                source, _dash, target = pair.partition("-")
                if pair and not (source and target):
                    raise CommandError("Write the pair as SOURCE-TARGET, e.g. en-pt.")
                data = ExportMemory(source, target).execute()
                if output:
                    Path(output).write_bytes(data)
                else:
                    self.stdout.write(data.decode("utf-8"), ending="")
                return
            if not file:
                raise CommandError("Name the TMX file to import.")
            added, replaced = ImportMemory(Path(file).read_bytes()).execute()
        except ImportRefused as exc:
            raise CommandError("\n".join([exc.message, *exc.problems])) from exc
        except ActionError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Translation memory: {added} added, {replaced} replaced.")
