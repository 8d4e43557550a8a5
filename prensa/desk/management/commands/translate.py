import json

from django.core.management.base import BaseCommand, CommandError

from prensa.desk.actions import ActionError, DraftEdition
from prensa.desk.segments import load
from prensa.translation import conf
from prensa.translation.errors import TranslationError

from ._story import find_story, parse_targets


class Command(BaseCommand):
    help = "Draft (or re-draft the stale parts of) a story's editions by machine translation."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("story", help="Story id, key, or the slug of any of its editions.")
        parser.add_argument(
            "--to",
            default="",
            help="Comma-separated languages (default: all others); pt-PT or pt-BR picks the "
            "Portuguese variant for this draft.",
        )
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args, story: str, to: str, json: bool, **options) -> None:  # type: ignore[no-untyped-def]
        found = find_story(story)
        results, failed = [], False
        for language, variant in parse_targets(to, found):
            action = DraftEdition(found, language)
            try:
                with conf.variant(variant):
                    edition = action.execute()
            except (ActionError, TranslationError) as exc:
                failed = True
                results.append({"language": language, "ok": False, "error": exc.message})
                continue
            rows = load(edition)
            issues = [{"position": row.position, **issue} for row in rows for issue in row.issues]
            results.append(
                {
                    "language": language,
                    "ok": True,
                    "edition": edition.pk,
                    "drafted": len(action.report.texts) if action.report else 0,
                    "segments": len(rows),
                    "fidelity_issues": issues,
                }
            )
        self._print(results, json)
        if failed:
            raise CommandError("Some editions could not be drafted (see above).")

    def _print(self, results: list[dict], as_json: bool) -> None:
        if as_json:
            self.stdout.write(json_dumps(results))
            return
        for result in results:
            if not result["ok"]:
                self.stdout.write(f"{result['language']}: FAILED — {result['error']}")
                continue
            issues = result["fidelity_issues"]
            verdict = "fidelity OK" if not issues else f"{len(issues)} fidelity issue(s)"
            self.stdout.write(
                f"{result['language']}: drafted {result['drafted']} of {result['segments']} "
                f"blocks; {verdict}"
            )
            for issue in issues:
                self.stdout.write(f"  block {issue['position']}: {issue['message']}")


def json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
