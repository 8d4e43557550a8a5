"""Clicks and keystrokes from a new Portuguese story to three published, reviewed editions.

Runs the happy path in Debian's Chromium (tests/test_happy_path.py: the editor writes
the story in the admin, submits and publishes it, asks the desk for both drafts; a
translator confirms every paragraph from the keyboard; the editor publishes both
translations) and prints what the meter counted. The story's own words are counted
apart: typing them is the reporter's work whatever the software.

    .venv/bin/python bench/workflow_clicks.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--ds=prensa.settings.test",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "tests/test_happy_path.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"HAPPY PATH (.*)", run.stdout)
    if run.returncode or not found:
        print(run.stdout[-3000:], run.stderr[-2000:], sep="\n")
        return 1
    figures = dict(pair.split("=") for pair in found.group(1).split())
    print("New Portuguese story → pt, es and en published, every paragraph reviewed:")
    print(f"  clicks:                      {figures['clicks']}")
    print(
        f"  keystrokes (not the story):  {figures['keystrokes']}"
        f"  (one Ctrl+Enter per paragraph: {figures['paragraphs_reviewed']} paragraphs)"
    )
    print(f"  the story's own words typed: {figures['content_keystrokes']} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
