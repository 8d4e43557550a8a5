"""`prensa xliff export|import STORY --to pt`: a story's translation as XLIFF 2."""

from django.core.management.base import BaseCommand, CommandError

from prensa.desk.exchange import ExportEdition, ImportEdition
from prensa.newsroom.models import Edition

from ._exchange import read_import, refusals_as_command_errors, write_export
from ._story import find_story, parse_languages


class Command(BaseCommand):
    help = (
        "Export a translated edition as XLIFF 2 for an outside translator or CAT tool, or "
        "import the translated file (all segments or none; imported text counts as edited, "
        "not confirmed)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("story", help="Story id, key, or the slug of any of its editions.")
        parser.add_argument("file", nargs="?", help="The XLIFF file to import.")
        parser.add_argument("--to", required=True, help="The edition's language (pt, es, en).")
        parser.add_argument("--output", "-o", help="Where to write the export (default: stdout).")

    def handle(
        self,
        *args,
        action: str,
        story: str,
        file: str | None,
        to: str,
        output: str | None,
        **options,
    ) -> None:  # type: ignore[no-untyped-def]
        found = find_story(story)
        (language,) = parse_languages(to, found)[:1]
        edition = Edition.objects.filter(story=found, language=language).first()
        if edition is None:
            raise CommandError(f"The story has no {language} edition yet: draft it first.")
        with refusals_as_command_errors():
            if action == "export":
                write_export(self, ExportEdition(edition).execute(), output)
                return
            count = ImportEdition(edition, read_import(file, "XLIFF")).execute()
        self.stdout.write(f"{count} segment(s) took the file's text (edited, not confirmed).")
