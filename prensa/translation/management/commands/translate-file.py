"""`prensa translate-file FILE --from en --to pt,es`: the translation pipeline on a file.

The file is plain text or Markdown: first line the headline, then blank-line
separated paragraphs. Each translation is written next to it
(`story.md` → `story.pt.md`) or, with `--print`, printed to stdout; the fidelity report
is printed too (`--json` for machines). The database is never touched: the
translation memory is empty and the glossary comes from `--glossary FILE.toml`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prensa.translation import conf
from prensa.translation.conf import split_language_tag
from prensa.translation.engines import LANGUAGES, build_engine
from prensa.translation.errors import TranslationError
from prensa.translation.glossary import Glossary
from prensa.translation.memory import InMemoryMemory
from prensa.translation.pipeline import Document, Pipeline, Translation


class Command(BaseCommand):
    help = "Translate a plain-text or Markdown story file and check the translations' fidelity."

    # Works without a database and without the rest of the project's checks.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="UTF-8 text or Markdown: headline, blank line, paragraphs")
        parser.add_argument("--from", dest="source", required=True, choices=LANGUAGES)
        parser.add_argument(
            "--to",
            dest="targets",
            required=True,
            help="comma-separated languages, e.g. pt,es (pt-PT or pt-BR for a Portuguese variant)",
        )
        parser.add_argument("--glossary", help="TOML glossary (see docs/translation.md)")
        parser.add_argument(
            "--engine",
            help="engines to use, in fallback order (comma-separated); default: settings",
        )
        parser.add_argument(
            "--print",
            dest="print",
            action="store_true",
            help="print the translations to stdout instead of writing files",
        )
        parser.add_argument("--json", action="store_true", help="print a JSON report")
        parser.add_argument(
            "--strict", action="store_true", help="exit with status 2 when a fidelity check fails"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        source = options["source"]
        tagged = [split_language_tag(t.strip()) for t in options["targets"].split(",") if t.strip()]
        targets = [t for t, _ in tagged]
        variants = dict(tagged)
        unknown = [t for t in targets if t not in LANGUAGES]
        if not targets or unknown:
            raise CommandError(
                f"--to: unknown language(s) {', '.join(unknown) or '(none)'}; "
                f"choose from {', '.join(LANGUAGES)}"
            )
        if source in targets:
            raise CommandError(f"--to includes the source language '{source}'")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None

        try:
            memory = InMemoryMemory()
            glossary = (
                Glossary.from_toml(options["glossary"]) if options["glossary"] else Glossary()
            )
            document = Document.from_text(text)
            # All targets first: nothing is written unless every translation succeeded.
            translations = []
            for target in targets:
                # Engines are built inside: `pt-PT` sets the variant they are made with.
                with conf.variant(variants.get(target)):
                    engines = self._engines(options["engine"])
                    pipeline = Pipeline(engines=engines, memory=memory, glossary=glossary)
                    translations.append(pipeline.translate(document, source, target))
        except TranslationError as error:
            raise CommandError(error.message) from None

        written = {}
        if not options["print"]:
            for translation in translations:
                out = path.with_name(f"{path.stem}.{translation.target_language}{path.suffix}")
                out.write_text(translation.to_text(), encoding="utf-8")
                written[translation.target_language] = out
        self._report(path, source, translations, written, options)
        if options["strict"] and not all(t.report.ok for t in translations):
            sys.exit(2)

    def _engines(self, names: str | None) -> list | None:
        if not names:
            return None
        return [build_engine(name.strip()) for name in names.split(",") if name.strip()]

    def _report(
        self,
        path: Path,
        source: str,
        translations: list[Translation],
        written: dict[str, Path],
        options: dict[str, Any],
    ) -> None:
        if options["json"]:
            payload = {
                "file": str(path),
                "source_language": source,
                "translations": [
                    {
                        "language": t.target_language,
                        "path": str(written[t.target_language]) if written else None,
                        "engine": t.engine,
                        "text": t.to_text(),
                        "fidelity": t.report.to_dict(),
                    }
                    for t in translations
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        report_stream = self.stderr if options["print"] else self.stdout
        for translation in translations:
            if options["print"]:
                if len(translations) > 1:
                    self.stdout.write(f"=== {translation.target_language} ===")
                self.stdout.write(translation.to_text())
            else:
                report_stream.write(
                    f"Wrote {written[translation.target_language]} ({translation.engine})"
                )
        for translation in translations:
            style = self.style.SUCCESS if translation.report.ok else self.style.WARNING
            report_stream.write(style(translation.report.summary()))
