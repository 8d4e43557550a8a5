"""The layers of DESIGN.md hold: no app imports one above it, no two modules import each other.

The contracts live in pyproject.toml ([tool.importlinter]); `make lint` checks them too.
"""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_every_import_goes_down_the_layers_and_none_goes_round_in_a_circle():
    lint_imports = Path(sys.executable).with_name("lint-imports")

    result = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [str(lint_imports), "--no-cache"], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
