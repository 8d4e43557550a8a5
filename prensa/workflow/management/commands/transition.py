"""`prensa transition EDITION_ID ACTION [--note TEXT] [--at ISO]`: move one edition."""

from django.core.management.base import BaseCommand, CommandError

from prensa.lib.numbers import positive_int
from prensa.newsroom.models import Edition
from prensa.workflow import transitions
from prensa.workflow.transitions import Schedule, TransitionError, parse_moment


class Command(BaseCommand):
    help = (
        "Move an edition to another state as the system (the log names no person). "
        f"ACTION is one of: {', '.join(transitions.TRANSITIONS)}."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("edition", help="The edition's id.")
        parser.add_argument("action", help="The transition, e.g. publish, schedule, unpublish.")
        parser.add_argument("--note", default="", help="Why, for the log.")
        parser.add_argument("--at", help="For schedule: when, ISO 8601 (2026-12-03T09:30).")
        parser.add_argument(
            "--allow-machine",
            action="store_true",
            help="Publish or schedule a translation with unconfirmed paragraphs as machine "
            "translation (readers see a notice).",
        )

    def handle(self, *args, edition: str, action: str, note: str, at: str | None, **options):  # type: ignore[no-untyped-def]
        found = _edition(edition)
        if action == Schedule.name and not at:
            raise CommandError("schedule needs --at, e.g. --at 2026-12-03T09:30.")
        try:
            entry = transitions.build(
                action,
                found,
                None,
                note,
                allow_machine=options["allow_machine"],
                at=parse_moment(at) if action == Schedule.name else None,
            ).execute()
        except TransitionError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Edition {found.pk} ({found.language}): {entry.from_state} -> {entry.to_state}"
            + (f" at {found.published_at.isoformat()}" if entry.action == "schedule" else "")
        )


def _edition(reference: str) -> Edition:
    number = positive_int(reference)
    found = Edition.objects.filter(pk=number).first() if number else None
    if found is None:
        raise CommandError(f"No edition with id {reference!r}.")
    return found
