"""The `prensa` console command: Django's management commands under one name.

`prensa demo` loads the demo newsroom, `prensa runserver` serves it, and every
other management command works the same way.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prensa.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["prensa", *sys.argv[1:]])
