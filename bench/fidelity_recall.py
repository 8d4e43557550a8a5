"""How many real translation errors the fidelity checks flag: recall on an annotated set.

The set is `bench/mt_errors/` (see its README): the pipeline's frozen drafts of the demo
stories, with every meaning-critical error span marked and labelled by hand. The checks
run on each draft paragraph as the desk runs them, and an error counts as caught:

- *in its paragraph*: the paragraph carries any flag (the reviewer is sent there);
- *by kind*: the paragraph carries a flag of a kind that can catch this error
  (a mangled name → a names or attribution flag, a leaked word → a language flag…);
- *pointed at*: a flag marks the error's own words (in the source or the draft).

False flags are counted on clean text: each demo story's source against its human-written
editions in the other languages, paragraph by paragraph.

    .venv/bin/python bench/fidelity_recall.py            # the table
    .venv/bin/python bench/fidelity_recall.py --misses   # also list each error not pointed at
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import _flores  # noqa: F401  (puts the project on sys.path)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prensa.settings.dev")
import django

django.setup()

from prensa.translation.fidelity import check_fidelity  # noqa: E402
from prensa.translation.pipeline import Document  # noqa: E402

HERE = Path(__file__).resolve().parent / "mt_errors"
STORIES = HERE.parents[1] / "prensa" / "newsroom" / "demo" / "stories"
CATEGORIES = ("name", "number", "untranslated", "pivot", "attribution", "quote", "sense")
NOT_CRITICAL = ("grammar",)
# Flag kinds that can catch each category of error.
CATCHES = {
    "name": {"names", "attribution", "glossary", "name"},
    "number": {"numbers", "dates", "glued"},
    "sense": {"engine"},
    "untranslated": {"language", "untranslated", "unknown", "engine"},
    "pivot": {"language", "pivot", "unknown", "engine"},
    "attribution": {"attribution", "quotes"},
    "quote": {"quotes", "attribution"},
}


def load_set() -> tuple[dict, dict]:
    drafts = json.loads((HERE / "drafts.json").read_text(encoding="utf-8"))
    annotations = tomllib.loads((HERE / "annotations.toml").read_text(encoding="utf-8"))["drafts"]
    for key, paragraphs in annotations.items():
        for index, errors in paragraphs.items():
            row = drafts[key][int(index)]
            for category, span, source_span in errors:
                if category not in CATEGORIES + NOT_CRITICAL:
                    sys.exit(f"{key} ¶{index}: unknown category {category!r}")
                if span not in row["target"] or source_span not in row["source"]:
                    sys.exit(f"{key} ¶{index}: {span!r} / {source_span!r} not in the texts")
    return drafts, annotations


def check(rows: list[dict], pair: str, targets: list[str] | None = None) -> list[tuple]:
    source, target = pair.split("-")
    report = check_fidelity(
        [r["source"] for r in rows],
        targets if targets is not None else [r["target"] for r in rows],
        source,
        target,
        kinds=[r["kind"] for r in rows],
        names=[r["names"] for r in rows],
        terms=[r["terms"] for r in rows],
        unknown=[r.get("unknown", ()) for r in rows] if targets is None else None,
    )
    return [p.issues for p in report.paragraphs]


def _overlaps(a: str, b: str) -> bool:
    return bool(a and b) and (a in b or b in a)


def points_at(issue: object, span: str, source_span: str) -> bool:
    """The flag marks these words: in what it lists as missing, or in its marked spans."""
    marked_source = [*getattr(issue, "missing", ()), *getattr(issue, "source_spans", ())]
    marked_target = getattr(issue, "target_spans", ())
    return any(_overlaps(m, source_span) for m in marked_source) or any(
        _overlaps(m, span) for m in marked_target
    )


def recall(drafts: dict, annotations: dict, show_misses: bool) -> dict[str, Counter]:
    tally: dict[str, Counter] = defaultdict(Counter)
    for key, paragraphs in annotations.items():
        pair = key.split(":")[1]
        issues = check(drafts[key], pair)
        for index, errors in paragraphs.items():
            flags = issues[int(index)]
            kinds = {i.check for i in flags}
            for category, span, source_span in errors:
                counts = tally[category]
                counts["errors"] += 1
                counts["paragraph"] += bool(flags)
                counts["kind"] += bool(kinds & CATCHES.get(category, set()))
                hit = any(points_at(i, span, source_span) for i in flags)
                counts["pointed"] += hit
                if show_misses and not hit and category not in NOT_CRITICAL:
                    print(f"  miss {key} ¶{index} [{category}] {source_span!r} → {span!r}")
    return tally


def false_flags(drafts: dict) -> tuple[int, int, Counter]:
    """Flags raised on human translations of the demo stories (clean paragraphs)."""
    paragraphs = flags = 0
    kinds: Counter = Counter()
    for path in sorted(STORIES.glob("*.toml")):
        story = tomllib.loads(path.read_text(encoding="utf-8"))
        source = story["source_language"]
        for target, edition in story["editions"].items():
            key = f"{story['key']}:{source}-{target}"
            if target == source or key not in drafts:
                continue
            document = Document(
                headline=edition["headline"],
                standfirst=edition.get("standfirst", ""),
                body=edition["body"].strip(),
            )
            human = [b.text for b in document.blocks()]
            rows = drafts[key]
            if len(human) != len(rows):
                continue  # a human edition may merge or split paragraphs: not comparable
            for issues in check(rows, f"{source}-{target}", human):
                paragraphs += 1
                flags += len(issues)
                kinds.update(i.check for i in issues)
    return paragraphs, flags, kinds


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list errors no flag points at")
    args = parser.parse_args()
    drafts, annotations = load_set()
    tally = recall(drafts, annotations, args.misses)

    print(
        "| category | errors | in a flagged paragraph | flag of the right kind | flag points at it |"
    )
    print("|---|---:|---:|---:|---:|")
    total: Counter = Counter()
    for category in CATEGORIES:
        c = tally[category]
        total.update(c)
        print(
            f"| {category} | {c['errors']} | {percent(c['paragraph'], c['errors'])} "
            f"| {percent(c['kind'], c['errors'])} | {percent(c['pointed'], c['errors'])} |"
        )
    print(
        f"| **meaning-critical** | {total['errors']} | {percent(total['paragraph'], total['errors'])} "
        f"| {percent(total['kind'], total['errors'])} | {percent(total['pointed'], total['errors'])} |"
    )
    paragraphs, flags, kinds = false_flags(drafts)
    rate = flags / paragraphs if paragraphs else 0.0
    detail = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
    print(
        f"\nFalse flags on {paragraphs} clean (human-translated) paragraphs: {flags} "
        f"= {rate:.2f} per paragraph ({detail or 'none'}); target ≤ 0.20."
    )


if __name__ == "__main__":
    main()
