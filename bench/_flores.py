"""Shared by the benches: FLORES-200 devtest files and raw Apertium, exactly as documented."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FILES = {"en": "devtest.eng", "es": "devtest.spa", "pt": "devtest.por"}
DIRECTIONS = [("en", "es"), ("es", "en"), ("es", "pt"), ("pt", "es"), ("en", "pt"), ("pt", "en")]


def flores_dir() -> Path:
    """`PRENSA_FLORES_DIR`, else `shared/data/flores200` beside the checkout."""
    override = os.environ.get("PRENSA_FLORES_DIR")
    return (
        Path(override) if override else Path(__file__).parents[2] / "shared" / "data" / "flores200"
    )


def load(language: str, limit: int | None = None) -> list[str]:
    path = flores_dir() / FILES[language]
    if not path.exists():
        sys.exit(f"FLORES-200 devtest not found at {path} (set PRENSA_FLORES_DIR)")
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def raw_modes(source: str, target: str) -> list[str]:
    """Apertium modes for a pair, pivoting through Spanish for en↔pt (Brazilian Portuguese)."""
    from prensa.translation.engines.apertium import ApertiumEngine

    return ApertiumEngine(portuguese_variant="pt_BR").modes(source, target)


def raw_apertium(lines: list[str], source: str, target: str) -> list[str]:
    """Plain `apertium -u MODE` on blank-line separated sentences: the documented baseline."""
    text = "\n\n".join(lines)
    for mode in raw_modes(source, target):
        text = subprocess.run(  # noqa: S603 (fixed argv)
            ["apertium", "-u", mode],  # noqa: S607 (Debian puts it on PATH)
            input=text,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    out = text.strip("\n").split("\n\n")
    if len(out) != len(lines):
        raise SystemExit(f"raw apertium {source}-{target}: {len(lines)} in, {len(out)} out")
    return [line.strip() for line in out]
