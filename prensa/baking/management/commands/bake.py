"""`prensa bake --all` rebuilds every baked page; `prensa bake STORY...` one story's pages."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from prensa.baking.bake import BakeFailed, bake_all, bake_story


class Command(BaseCommand):
    help = "Render published reader pages to files under PRENSA_BAKE_DIR for nginx to serve."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("stories", nargs="*", type=int, help="story ids to bake")
        parser.add_argument(
            "--all", action="store_true", help="every page, and remove files no page owns"
        )

    def handle(self, *args, stories: list[int], all: bool, **options) -> None:  # type: ignore[no-untyped-def]
        if all == bool(stories):
            raise CommandError("Name story ids, or --all (not both).")
        if all:
            outcome = bake_all()
        else:
            outcome = None
            for story_id in stories:
                try:
                    outcome = bake_story(story_id)
                except BakeFailed as exc:
                    raise CommandError(str(exc)) from exc
        if outcome is not None and outcome.failed:
            raise CommandError(f"Could not bake: {', '.join(outcome.failed)} (see the log)")
        if outcome is not None:
            self.stdout.write(
                f"Baked {len(outcome.written)} pages ({len(outcome.unchanged)} unchanged), "
                f"removed {len(outcome.removed)}, in {settings.PRENSA_BAKE_DIR}"
            )
