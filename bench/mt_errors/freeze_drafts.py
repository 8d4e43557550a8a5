"""Write drafts.json: the pipeline's drafts of the demo stories that annotations.toml marks up.

Run this only when re-annotating: the annotations quote the frozen drafts word for word, and
a newer engine or pipeline writes different drafts. The bench never re-drafts; it re-checks.

    .venv/bin/python bench/mt_errors/freeze_drafts.py
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prensa.settings.dev")

import django  # noqa: E402

django.setup()

from prensa.translation.glossary import Glossary  # noqa: E402
from prensa.translation.memory import InMemoryMemory  # noqa: E402
from prensa.translation.pipeline import Document, Pipeline  # noqa: E402

STORIES = ROOT / "prensa" / "newsroom" / "demo" / "stories"


def main() -> None:
    drafts = {}
    for path in sorted(STORIES.glob("*.toml")):
        story = tomllib.loads(path.read_text(encoding="utf-8"))
        source = story["source_language"]
        edition = story["editions"][source]
        document = Document(
            headline=edition["headline"],
            standfirst=edition.get("standfirst", ""),
            body=edition["body"].strip(),
        )
        for target in ("pt", "es", "en"):
            if target == source:
                continue
            pipeline = Pipeline(memory=InMemoryMemory(), glossary=Glossary())
            translation = pipeline.translate(document, source, target)
            drafts[f"{story['key']}:{source}-{target}"] = [
                {
                    "kind": block.kind,
                    "source": block.source,
                    "target": block.text,
                    "names": list(block.names),
                    "terms": list(block.terms),
                    "unknown": list(block.unknown),
                }
                for block in translation.blocks
            ]
    out = HERE / "drafts.json"
    out.write_text(json.dumps(drafts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(drafts)} drafts to {out}")


if __name__ == "__main__":
    main()
