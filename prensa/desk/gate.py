"""The desk's review gate, registered with the workflow: a translation reaches readers only
with every paragraph up to date with its source, and either confirmed by a person or
published knowingly as machine translation (readers then see the notice).

Whoever publishes (the desk, the admin, the CLI, the scheduled worker) passes it, because
the workflow's Publish, Update and Schedule transitions ask every registered gate.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prensa.newsroom.models import Edition
from prensa.translation.staleness import State
from prensa.workflow.transitions import TransitionError

from . import segments
from .actions import open_flags


class ReviewGate:
    def check(self, edition: Edition, allow_machine: bool) -> None:
        rows = segments.load(edition)
        if any(row.state in (State.STALE, State.MISSING) for row in rows):
            raise TransitionError(
                _(
                    "Some paragraphs are out of date with the source; re-draft or review them first."
                ),
                status=409,
            )
        machine = [row for row in rows if not row.is_confirmed]
        if machine and not allow_machine:
            raise TransitionError(
                ngettext(
                    "%(count)s paragraph is not confirmed by a person. Confirm it, or choose "
                    "to publish as machine translation (readers see a notice).",
                    "%(count)s paragraphs are not confirmed by a person. Confirm them, or "
                    "choose to publish as machine translation (readers see a notice).",
                    len(machine),
                )
                % {"count": len(machine)},
                status=409,
            )

    def prepare(self, edition: Edition, allow_machine: bool) -> dict:
        """Put the desk's words on the edition; what the log remembers of the review."""
        rows = segments.load(edition)
        if not rows:
            return {}  # written by hand, not tracked by the desk
        reviewed = all(row.is_confirmed for row in rows)
        segments.compose(edition, [row.text for row in rows])
        # Readers see the machine-translation notice unless every paragraph was confirmed
        # by a person; nothing here writes to the translation memory.
        edition.origin = Edition.Origin.REVIEWED if reviewed else Edition.Origin.MACHINE
        if edition.translated_from is not None:
            edition.source_revision = edition.translated_from.revision
        return {
            "machine": not reviewed,
            "unconfirmed": sum(1 for row in rows if not row.is_confirmed),
            "flags": open_flags(rows),
        }


review_gate = ReviewGate()
