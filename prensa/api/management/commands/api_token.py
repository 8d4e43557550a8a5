"""`prensa api_token USERNAME --name NAME`: make a token for the API and print it once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from prensa.api.models import ApiToken


class Command(BaseCommand):
    help = "Make an API token acting as USERNAME (with that person's permissions); printed once."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--name", default="API client", help="What will use the token.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            user = get_user_model().objects.get(username=options["username"], is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No active user is called {options['username']!r}.") from None
        _token, key = ApiToken.issue(user, options["name"])
        self.stdout.write(key)
