"""Taking translations out of the desk and bringing them back, all or nothing.

- `ExportEdition` / `ImportEdition`: one translated edition as XLIFF 2, one unit
  per segment (headline, standfirst, paragraphs), for an outside translator or a
  CAT tool. A unit's id names the segment and fingerprints the source it carries
  and the translation as it was at export (`headline-0-<source>-<target>`), so an
  import can tell what changed on either side since.
- `ExportMemory` / `ImportMemory`: the translation memory as TMX.

An import checks every unit first and refuses the whole file, saying what is
wrong with each refused unit, when any unit is refused; nothing is half-imported.
Imported text enters through `SaveSegment`, the same action as the review page's
"Save": it is a person's edit, not yet confirmed. Confirming stays a person's act
on the review page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prensa.lib.languages import codes, name_in_text
from prensa.newsroom.models import Edition
from prensa.translation.exchange import (
    ExchangeError,
    XliffDocument,
    XliffUnit,
    language_code,
    read_tmx,
    read_xliff,
    write_tmx,
    write_xliff,
)
from prensa.translation.memory import DatabaseMemory
from prensa.translation.staleness import State, block_hash

from . import segments
from .actions import ActionError, SaveSegment, User, _require, text_version
from .models import Segment

_UNIT_ID = re.compile(r"^(headline|standfirst|body)-(\d{1,6})-([0-9a-f]{16})-([0-9a-f]{16})$")


class ImportRefused(ActionError):
    """A file refused whole; `problems` says what is wrong, one line per unit or check."""

    def __init__(self, problems: list[str], status: int = 400) -> None:
        super().__init__(
            ngettext(
                "Nothing was imported: the file was refused (%(count)s problem).",
                "Nothing was imported: the file was refused (%(count)s problems).",
                len(problems),
            )
            % {"count": len(problems)},
            status,
        )
        self.problems = problems


def segment_label(row: Segment) -> str:
    if row.kind == "headline":
        return _("Headline")
    if row.kind == "standfirst":
        return _("Standfirst")
    return _("Paragraph %(number)s") % {"number": row.position - 1}


def unit_id(row: Segment) -> str:
    return f"{row.kind}-{row.position}-{block_hash(row.source_text)[:16]}-{text_version(row)}"


def file_id(edition: Edition) -> str:
    return f"prensa-story-{edition.story_id}-{edition.language}"


def xliff_filename(edition: Edition, source: str) -> str:
    return f"story-{edition.story_id}-{source}-{edition.language}.xlf"


def _translated_rows(edition: Edition) -> tuple[Edition, list[Segment]]:
    source = edition.translated_from
    rows = segments.load(edition)
    if source is None or not rows:
        raise ActionError(
            _("This edition has no translated segments: draft it on the desk first."), status=409
        )
    return source, rows


@dataclass
class ExportEdition:
    """A translated edition as an XLIFF 2 file: source text and current translation."""

    edition: Edition
    user: User = None

    def check(self) -> tuple[Edition, list[Segment]]:
        _require(self.user, "desk.view_segment", self.edition.language)
        return _translated_rows(self.edition)

    def execute(self) -> bytes:
        source, rows = self.check()
        units = tuple(
            XliffUnit(
                unit_id(row), row.source_text, row.text if row.state != State.MISSING else None
            )
            for row in rows
        )
        return write_xliff(
            XliffDocument(
                source_language=source.language,
                target_language=self.edition.language,
                file_id=file_id(self.edition),
                units=units,
                original=f"{self.edition.story}",
            )
        )


@dataclass
class ImportEdition:
    """Bring an edition's XLIFF back: every changed translation, or nothing."""

    edition: Edition
    data: bytes
    user: User = None
    changes: list[tuple[Segment, str]] = field(default_factory=list, init=False)

    def check(self) -> list[tuple[Segment, str]]:
        _require(self.user, "desk.change_segment", self.edition.language)
        source, rows = _translated_rows(self.edition)
        try:
            document = read_xliff(self.data)
        except ExchangeError as exc:
            raise ImportRefused([exc.message]) from exc
        self._check_file(document, source)
        by_position = {row.position: row for row in rows}
        problems, changes, seen = [], [], set()
        for unit in document.units:
            match = _UNIT_ID.match(unit.id)
            row = by_position.get(int(match[2])) if match else None
            if row is None or row.kind != match[1]:
                problems.append(
                    _("Unit “%(id)s” is not a segment of this edition; remove it.")
                    % {"id": unit.id}
                )
                continue
            seen.add(row.position)
            label = segment_label(row)
            if match[3] != block_hash(row.source_text)[:16]:
                problems.append(
                    _(
                        "%(segment)s: the source changed since this file was exported. "
                        "Export the edition again and carry the translation over."
                    )
                    % {"segment": label}
                )
                continue
            if block_hash(unit.source) != block_hash(row.source_text):
                problems.append(
                    _("%(segment)s: the source text in the file was edited; leave it as exported.")
                    % {"segment": label}
                )
                continue
            text = (unit.target or "").strip()
            if not text or block_hash(text) == block_hash(row.text):
                continue  # nothing new for this segment
            if match[4] != text_version(row):
                problems.append(
                    _(
                        "%(segment)s: someone changed this translation on the desk since the "
                        "file was exported; compare both on the review page and paste the "
                        "version to keep."
                    )
                    % {"segment": label}
                )
                continue
            try:
                SaveSegment(row, text, self.user, based_on=text_version(row)).check()
            except ActionError as exc:
                problems.append(f"{label}: {exc.message}")
                continue
            changes.append((row, text))
        missing = [segment_label(row) for row in rows if row.position not in seen]
        if missing:
            problems.append(
                _("Segments missing from the file: %(segments)s.")
                % {"segments": ", ".join(missing)}
            )
        if problems:
            raise ImportRefused(problems)
        return changes

    def _check_file(self, document: XliffDocument, source: Edition) -> None:
        problems = []
        if document.file_id != file_id(self.edition):
            problems.append(
                _(
                    "This file belongs to another story or language (“%(id)s”, expected “%(expected)s”)."
                )
                % {"id": document.file_id, "expected": file_id(self.edition)}
            )
        if language_code(document.source_language) != source.language:
            problems.append(
                _("The file's source language is “%(found)s”; this story's source is %(language)s.")
                % {"found": document.source_language, "language": name_in_text(source.language)}
            )
        if language_code(document.target_language) != self.edition.language:
            problems.append(
                _("The file's target language is “%(found)s”; this edition is in %(language)s.")
                % {
                    "found": document.target_language or "?",
                    "language": name_in_text(self.edition.language),
                }
            )
        if problems:
            raise ImportRefused(problems)

    def execute(self) -> int:
        """Returns how many segments took new text."""
        with transaction.atomic():
            # Lock the edition's segments so a desk save cannot slip in between check and write.
            list(Segment.objects.select_for_update().filter(edition=self.edition))
            self.changes = self.check()
            for row, text in self.changes:
                SaveSegment(row, text, self.user, based_on=text_version(row)).execute()
        return len(self.changes)


@dataclass
class ExportMemory:
    """The translation memory (one pair, or every pair) as a TMX file."""

    source: str = ""
    target: str = ""
    user: User = None

    def check(self) -> None:
        _require(self.user, "desk.view_segment")
        for code in (self.source, self.target):
            if code and code not in codes():
                raise ActionError(_("Unknown language: %(code)s.") % {"code": code}, status=404)

    def execute(self) -> bytes:
        self.check()
        return write_tmx(DatabaseMemory().units(self.source, self.target))


@dataclass
class ImportMemory:
    """A TMX file into the memory: every unit, or none when any unit is refused."""

    data: bytes
    user: User = None

    def check(self):  # type: ignore[no-untyped-def]
        _require(self.user, "translation.add_translationmemoryentry")
        _require(self.user, "translation.change_translationmemoryentry")
        try:
            reading = read_tmx(self.data, codes())
        except ExchangeError as exc:
            raise ImportRefused([exc.message]) from exc
        if reading.problems:
            raise ImportRefused([str(problem) for problem in reading.problems])
        if not reading.units:
            raise ImportRefused([_("The file holds no translation units.")])
        # A translator keeps the memory of their own languages only: the whole file or nothing.
        for language in sorted({unit.target_language for unit in reading.units}):
            _require(self.user, "translation.add_translationmemoryentry", language)
        return reading

    def execute(self) -> tuple[int, int]:
        """Returns (added, replaced)."""
        reading = self.check()
        return DatabaseMemory().merge(reading.units)
