"""`prensa schedule STORY_ID --at ISO`: publish every waiting edition of a story together."""

from django.core.management.base import BaseCommand, CommandError

from prensa.lib.numbers import positive_int
from prensa.newsroom.models import Story
from prensa.workflow.transitions import TransitionError, parse_moment, schedule_story


class Command(BaseCommand):
    help = (
        "Schedule every edition of a story that is not out yet for the same time; all or "
        "none (a refusal names each edition's reason)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("story", help="The story's id.")
        parser.add_argument("--at", required=True, help="When, ISO 8601 (2026-12-03T09:30).")
        parser.add_argument("--note", default="", help="Why, for the log.")
        parser.add_argument(
            "--allow-machine",
            action="store_true",
            help="Translations with unconfirmed paragraphs go out as machine translation.",
        )

    def handle(self, *args, story: str, at: str, note: str, allow_machine: bool, **options):  # type: ignore[no-untyped-def]
        number = positive_int(story)
        found = Story.objects.filter(pk=number).first() if number else None
        if found is None:
            raise CommandError(f"No story with id {story!r}.")
        try:
            entries = schedule_story(found, parse_moment(at), None, note, allow_machine)
        except TransitionError as exc:
            raise CommandError(exc.message) from None
        when = entries[0].edition.published_at.isoformat()
        languages = ", ".join(entry.edition.language for entry in entries)
        self.stdout.write(f"Story {found.pk}: {languages} scheduled for {when}")
