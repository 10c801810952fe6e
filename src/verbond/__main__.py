"""`verbond` is Django's command runner with verbond's settings (as Datasette and Weblate do)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbond.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["verbond", *sys.argv[1:]])


if __name__ == "__main__":
    main()
