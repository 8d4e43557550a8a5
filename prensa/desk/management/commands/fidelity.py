import json

from django.core.management.base import BaseCommand, CommandError

from prensa.desk.actions import ActionError, source_edition
from prensa.desk.drafting import edition_issues

from ._story import find_story


class Command(BaseCommand):
    help = "Check every translation of a story against its source; exit 1 when a check fails."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("story", help="Story id, key, or the slug of any of its editions.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, story: str, json: bool, **options) -> None:  # type: ignore[no-untyped-def]
        found = find_story(story)
        try:
            source = source_edition(found)
        except ActionError as exc:
            raise CommandError(exc.message) from None
        report = []
        for edition in found.editions.all():
            if edition.pk == source.pk:
                continue
            issues = edition_issues(source, edition)
            report.append({"language": edition.language, "ok": not issues, "issues": issues})
        if json:
            self.stdout.write(_dumps(report))
        else:
            if not report:
                self.stdout.write("No translations to check.")
            for entry in report:
                self.stdout.write(f"{entry['language']}: {'OK' if entry['ok'] else 'FAILED'}")
                for issue in entry["issues"]:
                    where = f"block {issue['position']}: " if "position" in issue else ""
                    self.stdout.write(f"  {where}{issue['message']}")
        if any(not entry["ok"] for entry in report):
            raise SystemExit(1)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
