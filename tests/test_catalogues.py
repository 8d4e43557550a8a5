"""The Portuguese and Spanish interface catalogues: valid, and nothing left in English."""

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "prensa" / "locale"


@pytest.mark.parametrize("language", ["pt", "es"])
def test_the_catalogue_is_valid_and_complete(language):
    catalogue = LOCALE / language / "LC_MESSAGES" / "django.po"
    checked = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [
            shutil.which("msgfmt") or "msgfmt",
            "--check",
            "--statistics",
            "-o",
            "/dev/null",
            str(catalogue),
        ],
        capture_output=True,
        text=True,
    )
    # --check: formats match, headers are sound, every plural has the language's forms.
    assert checked.returncode == 0, checked.stderr
    assert "untranslated" not in checked.stderr, checked.stderr
    assert "fuzzy" not in checked.stderr, checked.stderr
