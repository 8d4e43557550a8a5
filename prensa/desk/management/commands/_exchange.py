"""What the `tmx` and `xliff` commands share: where an export goes, how a refusal reads."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prensa.desk.actions import ActionError
from prensa.desk.exchange import ImportRefused


def write_export(command: BaseCommand, data: bytes, output: str | None) -> None:
    """The exported file to `output`, or to stdout without one."""
    if output:
        Path(output).write_bytes(data)
    else:
        command.stdout.write(data.decode("utf-8"), ending="")


def read_import(file: str | None, kind: str) -> bytes:
    if not file:
        raise CommandError(f"Name the {kind} file to import.")
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc


@contextmanager
def refusals_as_command_errors() -> Iterator[None]:
    """An import refused (with its list of problems) or an action refused, as the CLI says it."""
    try:
        yield
    except ImportRefused as exc:
        raise CommandError("\n".join([exc.message, *exc.problems])) from exc
    except ActionError as exc:
        raise CommandError(exc.message) from exc
