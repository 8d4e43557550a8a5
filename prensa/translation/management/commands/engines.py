"""`prensa engines add|list|remove`: the neural models this newsroom translates with.

    prensa engines add translate-en_pt-1_9.argosmodel      # an Argos Translate package
    prensa engines add opus-mt-en-es/                       # an OPUS-MT release, converted here
    prensa engines add en-es-ct2/ --pair en-es              # a CTranslate2 model + source/target.spm
    prensa engines list
    prensa engines remove en-pt

`add` checks the model before installing it into PRENSA_MT_MODELS_DIR: it loads it,
translates test sentences, and compares the pair, the CTranslate2 version and the
memory it needs with what this machine has. A model it refuses is never installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prensa.translation import conf
from prensa.translation.engines import engines_for
from prensa.translation.engines.neural_store import ModelRejected, install, installed, remove
from prensa.translation.errors import TranslationError, language_name


class Command(BaseCommand):
    help = "Add, list or remove the neural translation models (CTranslate2) of this newsroom."

    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="check a model and install it")
        add.add_argument("path", help=".argosmodel file, OPUS-MT release or CTranslate2 folder")
        add.add_argument("--pair", help="e.g. en-pt; needed when the model does not say it")
        add.add_argument(
            "--replace", action="store_true", help="replace the model installed for the pair"
        )
        sub.add_parser("list", help="show the installed models")
        rm = sub.add_parser("remove", help="remove the model installed for a pair")
        rm.add_argument("pair", help="e.g. en-pt")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "add":
                self._add(Path(options["path"]), options["pair"], options["replace"])
            elif action == "remove":
                model = remove(options["pair"])
                self.stdout.write(f"Removed the {model.pair} model ({model.name}).")
            else:
                self._list()
        except ModelRejected as exc:
            raise CommandError(exc.message) from None

    def _add(self, path: Path, pair: str | None, replace: bool) -> None:
        model = install(path, pair, replace=replace)
        self.stdout.write(
            f"Installed {model.name} for {language_name(model.source)} → "
            f"{language_name(model.target)} ({model.pair}) in {model.folder}: "
            f"{_size(model.size)} on disk, about {model.memory_mb:.1f} MB of memory per worker."
        )
        order = self._order(model.source, model.target)
        self.stdout.write(f"Engines for {model.pair} now: {order}.")

    def _order(self, source: str, target: str) -> str:
        try:
            return ", ".join(e.name for e in engines_for(source, target))
        except TranslationError as exc:
            return str(exc)

    def _list(self) -> None:
        models = installed()
        if not models:
            self.stdout.write(
                f"No neural model is installed in {conf.mt_models_dir()}. "
                "Add one with `prensa engines add PATH`."
            )
            return
        rows = [("pair", "engine", "model", "size", "memory", "source", "first engine")]
        for model in models.values():
            rows.append(
                (
                    model.pair,
                    "neural",
                    f"{model.name} ({model.kind})",
                    _size(model.size),
                    f"{model.memory_mb:.1f} MB",
                    model.origin,
                    self._order(model.source, model.target).split(",")[0],
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        self.stdout.write(f"Folder: {conf.mt_models_dir()}")


def _size(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 2**10:.1f} KB"
