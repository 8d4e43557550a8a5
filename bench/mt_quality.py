"""Translation quality on FLORES-200 devtest: raw Apertium against the full pipeline.

Scores chrF2 and BLEU (sacrebleu) in all six directions and prints a table.

    .venv/bin/python bench/mt_quality.py                     # everything, ~1 min
    .venv/bin/python bench/mt_quality.py --pairs en-es --limit 200
    .venv/bin/python bench/mt_quality.py --policy names=all,numbers=keep
    .venv/bin/python bench/mt_quality.py --engine neural     # installed models (prensa engines add)
    .venv/bin/python bench/mt_quality.py --rules none          # pipeline without editing rules
    .venv/bin/python bench/mt_quality.py --ablation            # each rule on and off (minutes)

The data is `../shared/data/flores200` (override with PRENSA_FLORES_DIR).
"""

from __future__ import annotations

import argparse
import json
import time

import _flores
import sacrebleu

from prensa.translation import rules as editing_rules
from prensa.translation.engines import Engine, build_engine
from prensa.translation.engines.apertium import ApertiumEngine
from prensa.translation.pipeline import Pipeline
from prensa.translation.protect import ProtectionPolicy


def parse_policy(raw: str) -> ProtectionPolicy:
    options: dict[str, object] = {}
    for item in filter(None, raw.split(",")):
        key, _, value = item.partition("=")
        options[key] = {"true": True, "false": False}.get(value, value)
    return ProtectionPolicy(**options)  # type: ignore[arg-type]


def score(hypotheses: list[str], references: list[str]) -> tuple[float, float]:
    chrf = sacrebleu.corpus_chrf(hypotheses, [references]).score
    bleu = sacrebleu.corpus_bleu(hypotheses, [references]).score
    return chrf, bleu


def measured_engine(name: str) -> Engine:
    """The engine `--engine` names: Apertium in Brazilian Portuguese, else as settings build it."""
    if name == "apertium":
        return ApertiumEngine(portuguese_variant="pt_BR")
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prensa.settings.dev")
    django.setup()
    return build_engine(name)


def raw_output(name: str, sources: list[str], source: str, target: str) -> list[str]:
    """The engine alone, without the pipeline: plain `apertium`, or the engine on each line."""
    if name == "apertium":
        return _flores.raw_apertium(sources, source, target)
    return measured_engine(name).translate(sources, source, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default=",".join(f"{s}-{t}" for s, t in _flores.DIRECTIONS))
    parser.add_argument("--limit", type=int, default=None, help="first N sentences only")
    parser.add_argument("--policy", default="", help="ProtectionPolicy overrides, k=v,k=v")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dump", help="write pipeline output to DIR/<pair>.txt")
    parser.add_argument(
        "--engine", default="apertium", help="engine to measure: apertium, neural, deepl, ..."
    )
    parser.add_argument(
        "--rules", default="default", help="editing rules: default, all, none, a,b or all,-a"
    )
    parser.add_argument(
        "--ablation", action="store_true", help="chrF2 and BLEU with and without each rule"
    )
    args = parser.parse_args()
    if args.ablation:
        ablation(args)
        return

    pipeline = Pipeline(
        engines=[measured_engine(args.engine)],
        policy=parse_policy(args.policy),
        check=False,
        rules=editing_rules.parse(args.rules),
    )
    rows = []
    for pair in args.pairs.split(","):
        source, target = pair.split("-")
        sources = _flores.load(source, args.limit)
        references = _flores.load(target, args.limit)
        started = time.perf_counter()
        raw = raw_output(args.engine, sources, source, target)
        raw_seconds = time.perf_counter() - started
        started = time.perf_counter()
        translation = pipeline.translate_blocks(sources, source, target)
        pipeline_seconds = time.perf_counter() - started
        hypotheses = [block.text for block in translation.blocks]
        if args.dump:
            from pathlib import Path

            Path(args.dump).mkdir(parents=True, exist_ok=True)
            Path(args.dump, f"{pair}.txt").write_text("\n".join(hypotheses) + "\n")
        raw_chrf, raw_bleu = score(raw, references)
        chrf, bleu = score(hypotheses, references)
        rows.append(
            {
                "pair": f"{source}→{target}",
                "sentences": len(sources),
                "raw_chrf2": round(raw_chrf, 1),
                "raw_bleu": round(raw_bleu, 1),
                "pipeline_chrf2": round(chrf, 1),
                "pipeline_bleu": round(bleu, 1),
                "delta_chrf2": round(chrf - raw_chrf, 2),
                "raw_seconds": round(raw_seconds, 1),
                "pipeline_seconds": round(pipeline_seconds, 1),
            }
        )
        if not args.json:
            row = rows[-1]
            print(
                f"{row['pair']}  raw chrF2 {row['raw_chrf2']:5.1f} BLEU {row['raw_bleu']:5.1f}  "
                f"pipeline chrF2 {row['pipeline_chrf2']:5.1f} BLEU {row['pipeline_bleu']:5.1f}  "
                f"Δ {row['delta_chrf2']:+.2f}",
                flush=True,
            )
    if args.json:
        print(json.dumps({"policy": args.policy or "default", "results": rows}, indent=2))
        return
    print()
    print(
        f"FLORES-200 devtest, {rows[0]['sentences']} sentences, engine: {args.engine}, "
        f"policy: {args.policy or 'default'}"
    )
    print(
        f"| Direction | Raw {args.engine} chrF2 | Raw BLEU | Pipeline chrF2 | Pipeline BLEU "
        "| Δ chrF2 |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['pair']} | {r['raw_chrf2']:.1f} | {r['raw_bleu']:.1f} | "
            f"{r['pipeline_chrf2']:.1f} | {r['pipeline_bleu']:.1f} | {r['delta_chrf2']:+.2f} |"
        )
    worse = [r["pair"] for r in rows if r["delta_chrf2"] < 0]
    if worse:
        raise SystemExit(f"pipeline below raw {args.engine} in: {', '.join(worse)}")


class _RememberingApertium(ApertiumEngine):
    """Apertium that answers a batch it has already translated from memory: rules that only
    post-edit send the engine the very same batch, so the ablation runs in minutes."""

    def __init__(self) -> None:
        super().__init__(portuguese_variant="pt_BR")
        self._seen: dict[tuple, list[str]] = {}

    def translate(self, segments, source, target):  # type: ignore[no-untyped-def]
        key = (source, target, tuple(segments))
        if key not in self._seen:
            self._seen[key] = super().translate(segments, source, target)
        return list(self._seen[key])

    def analyse(self, phrases, source, target):  # type: ignore[no-untyped-def]
        key = ("analyse", source, target, tuple(phrases))
        if key not in self._seen:
            self._seen[key] = super().analyse(phrases, source, target)  # type: ignore[assignment]
        return self._seen[key]


def ablation(args: argparse.Namespace) -> None:
    """Per direction: raw Apertium, the pipeline with no rules, with the default rules,
    and with each rule of the full set left out (Δ = what the rule adds)."""
    from dataclasses import replace

    everything = editing_rules.parse(args.rules if args.rules != "default" else "all")
    base = Pipeline(
        engines=[_RememberingApertium()],
        policy=parse_policy(args.policy),
        check=False,
        rules=everything,
    )
    pairs = [tuple(p.split("-")) for p in args.pairs.split(",")]
    table: dict[str, dict[str, str]] = {}
    summary = []
    for source, target in pairs:
        pair = f"{source}→{target}"
        sources = _flores.load(source, args.limit)
        references = _flores.load(target, args.limit)

        def run(
            rules: frozenset[str], sources=sources, source=source, target=target, refs=references
        ) -> tuple[list[str], float, float]:
            blocks = replace(base, rules=rules).translate_blocks(sources, source, target).blocks
            hypotheses = [b.text for b in blocks]
            return (hypotheses, *score(hypotheses, refs))

        raw_chrf, raw_bleu = score(_flores.raw_apertium(sources, source, target), references)
        _, none_chrf, none_bleu = run(frozenset())
        full, all_chrf, all_bleu = run(everything)
        _, default_chrf, default_bleu = run(editing_rules.DEFAULT & everything)
        scores = (raw_chrf, raw_bleu, none_chrf, none_bleu, all_chrf, all_bleu)
        summary.append((pair, *scores, default_chrf, default_bleu))
        for rule in editing_rules.ALL:
            if rule not in everything:
                continue
            hypotheses, chrf, bleu = run(everything - {rule})
            if hypotheses == full:
                table.setdefault(rule, {})[pair] = "·"
                continue
            table.setdefault(rule, {})[pair] = (
                f"{all_chrf - chrf:+.2f} / {all_bleu - bleu:+.2f} ({chrf:.1f})"
            )
        print(f"{pair} done", flush=True)
    print()
    print(f"FLORES-200 devtest, {len(sources)} sentences per direction")
    print()
    print(
        "| Direction | Raw chrF2 | Raw BLEU | No rules chrF2 | No rules BLEU "
        "| All rules chrF2 | All rules BLEU | Default chrF2 | Default BLEU | Δ default − raw |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    gains = []
    for pair, rc, rb, nc, nb, ac, ab, dc, db in summary:
        gains.append(dc - rc)
        print(
            f"| {pair} | {rc:.1f} | {rb:.1f} | {nc:.1f} | {nb:.1f} | {ac:.1f} | {ab:.1f} "
            f"| {dc:.1f} | {db:.1f} | {dc - rc:+.2f} |"
        )
    print(f"\nMean Δ chrF2 default rules − raw Apertium: {sum(gains) / len(gains):+.2f}")
    print()
    print("What each rule adds: chrF2 / BLEU of all rules minus all rules but this one")
    print("(chrF2 without the rule in brackets; · = the rule changes nothing there)")
    print()
    print("| Rule | " + " | ".join(p[0] for p in summary) + " |")
    print("|---|" + "---:|" * len(summary))
    for rule, cells in table.items():
        print(f"| {rule} | " + " | ".join(cells.get(p[0], "") for p in summary) + " |")


if __name__ == "__main__":
    main()
