"""`prensa tmx export|import`: the translation memory as TMX."""

from django.core.management.base import BaseCommand, CommandError

from prensa.desk.exchange import ExportMemory, ImportMemory

from ._exchange import read_import, refusals_as_command_errors, write_export


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
        with refusals_as_command_errors():
            if action == "export":
                source, _dash, target = pair.partition("-")
                if pair and not (source and target):
                    raise CommandError("Write the pair as SOURCE-TARGET, e.g. en-pt.")
                write_export(self, ExportMemory(source, target).execute(), output)
                return
            added, replaced = ImportMemory(read_import(file, "TMX")).execute()
        self.stdout.write(f"Translation memory: {added} added, {replaced} replaced.")
