import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from prensa.demo import pictures
from prensa.desk.models import Segment
from prensa.desk.segments import adopt
from prensa.newsroom.demo.loader import DemoContentError, load_demo
from prensa.newsroom.models import Edition
from prensa.staff import roles
from prensa.staff.models import LanguageAssignment

# One person per role, for trying the newsroom as each of them (development settings only:
# the password is written in the README). The translator works in Portuguese and Spanish.
DEMO_PASSWORD = "prensa-demo"  # noqa: S105 (documented on purpose; dev only)
ROLE_USERS = {
    "demo-reporter": (roles.REPORTER, ()),
    "demo-translator": (roles.TRANSLATOR, ("pt", "es")),
    "demo-editor": (roles.EDITOR, ()),
    "demo-moderator": (roles.MODERATOR, ()),
    "demo-admin": (roles.ADMIN, ()),
}


class Command(BaseCommand):
    help = "Create the database tables and load the demo newsroom (safe to run again)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--no-migrate", action="store_true", help="Skip `migrate`.")
        parser.add_argument(
            "--renditions-now",
            action="store_true",
            help="Make the pictures' renditions now rather than leaving them to the worker.",
        )

    def handle(self, *args, no_migrate: bool = False, **options) -> None:  # type: ignore[no-untyped-def]
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        try:
            report = load_demo()
        except DemoContentError as exc:
            raise CommandError(str(exc)) from None
        # Pictures first: their alt text and caption are blocks the desk tracks with the
        # paragraphs, so the translations are adopted with them.
        added, pictured = pictures.attach(renditions_now=options.get("renditions_now", False))
        adopted = self._adopt_translations()
        self.stdout.write(
            f"Demo newsroom: {report.stories_created} stories created, "
            f"{report.stories_updated} already there, {report.editions} editions "
            f"({adopted} more translations now tracked by the desk)."
        )
        self._ensure_editor()
        self.stdout.write(
            f"Demo pictures: {pictured} stories have a lead picture ({added} new in the library"
            + ("" if options.get("renditions_now") else "; the worker makes their renditions")
            + ")."
        )
        if settings.PRENSA_DEMO_ROLE_USERS:
            self._ensure_role_users()

    def _adopt_translations(self) -> int:
        """Demo translations were written by people: the desk records them as reviewed."""
        translations = Edition.objects.filter(
            story__key__startswith="demo:", translated_from__isnull=False
        ).select_related("translated_from")
        tracked = set(Segment.objects.values_list("edition_id", flat=True).distinct())
        return sum(
            adopt(edition.translated_from, edition)
            for edition in translations
            if edition.pk not in tracked
        )

    def _ensure_editor(self) -> None:
        User = get_user_model()
        if User.objects.filter(username="editor").exists():
            self.stdout.write("Sign in to /admin/ as `editor` (password unchanged).")
            return
        password = os.environ.get("PRENSA_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("editor", "editor@example.org", password)
        self.stdout.write(f"Sign in to /admin/ as `editor` with password: {password}")

    def _ensure_role_users(self) -> None:
        """One staff user per role; an existing one keeps its password and groups."""
        User = get_user_model()
        password = os.environ.get("PRENSA_DEMO_PASSWORD") or DEMO_PASSWORD
        created = []
        for username, (role, languages) in ROLE_USERS.items():
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username, f"{username}@example.org", password, is_staff=True
            )
            user.groups.add(Group.objects.get(name=role))
            for language in languages:
                LanguageAssignment.objects.create(user=user, language=language)
            created.append(username)
        if created:
            self.stdout.write(
                f"Demo users, one per role: {', '.join(created)}, password: {password}"
            )
