"""`prensa xliff export|import STORY --to pt`: a story's translation as XLIFF 2."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prensa.desk.actions import ActionError
from prensa.desk.exchange import ExportEdition, ImportEdition, ImportRefused
from prensa.newsroom.models import Edition

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
        try:
            if action == "export":
                data = ExportEdition(edition).execute()
                if output:
                    Path(output).write_bytes(data)
                else:
                    self.stdout.write(data.decode("utf-8"), ending="")
                return
            if not file:
                raise CommandError("Name the XLIFF file to import.")
            count = ImportEdition(edition, Path(file).read_bytes()).execute()
        except ImportRefused as exc:
            raise CommandError("\n".join([exc.message, *exc.problems])) from exc
        except ActionError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{count} segment(s) took the file's text (edited, not confirmed).")
