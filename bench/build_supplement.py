"""The English supplementary word list (prensa/translation/data/en_supplement.tsv), step by step.

    # 1. which words Apertium marks as unknown in English news copy, most frequent first
    .venv/bin/python bench/build_supplement.py count newstest2009.en newstest2010.en ...
    # 2. after writing a plainer wording for each by hand: keep the lines Apertium knows
    .venv/bin/python bench/build_supplement.py check prensa/translation/data/en_supplement.tsv

The corpus used was WMT newstest 2009-2013 English (Helsinki-NLP/OPUS-MT-testsets), never
FLORES, which measures the result.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path


def apertium(text: str) -> str:
    return subprocess.run(
        ["apertium", "eng-spa"],  # noqa: S607 - Debian's apertium on PATH, as the engine uses
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def count(paths: list[str]) -> None:
    text = "".join(Path(p).read_text(encoding="utf-8") for p in paths)
    marks = Counter(re.findall(r"\*([a-z][a-z-]*)", apertium(text)))
    for word, n in marks.most_common():
        if n >= 4 and len(word) > 2:
            print(f"{n}\t{word}")


def check(path: str) -> None:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    plain = apertium("".join(f"{r[1]}.\n\n" for r in rows)).split("\n\n")
    for row, out in zip(rows, plain, strict=False):
        if re.search(r"[*#@]", out):
            print(f"Apertium does not know the wording: {row[0]} → {row[1]} ({out.strip()})")


if __name__ == "__main__":
    {"count": lambda: count(sys.argv[2:]), "check": lambda: check(sys.argv[2])}[sys.argv[1]]()
