"""Translation speed: words per second of the full pipeline against raw `apertium`.

Both translate the same FLORES-200 devtest text (1012 sentences) in each
direction; raw Apertium is `apertium -u MODE` on blank-line separated text
(two modes chained for en↔pt), the pipeline is everything Prensa does:
segmenting, memory lookup, protection, Apertium, tidying and the fidelity
checks. The ratio says what the pipeline costs on top of the engine.

    .venv/bin/python bench/mt_speed.py [--pairs en-es,en-pt] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from functools import partial

import _flores

from prensa.translation.engines.apertium import ApertiumEngine
from prensa.translation.pipeline import Pipeline


def best_of(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default=",".join(f"{s}-{t}" for s, t in _flores.DIRECTIONS))
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    pipeline = Pipeline(engines=[ApertiumEngine(portuguese_variant="pt_BR")])
    pipeline.translate_blocks(["Warm-up."], "en", "es")  # load the language identifier once
    print("| Direction | Words | Raw apertium (words/s) | Pipeline (words/s) | Pipeline / raw |")
    print("|---|---:|---:|---:|---:|")
    for pair in args.pairs.split(","):
        source, target = pair.split("-")
        lines = _flores.load(source, args.limit)
        words = sum(len(line.split()) for line in lines)
        raw = best_of(args.repeat, partial(_flores.raw_apertium, lines, source, target))
        full = best_of(args.repeat, partial(pipeline.translate_blocks, lines, source, target))
        print(
            f"| {source}→{target} | {words} | {words / raw:,.0f} | {words / full:,.0f} | "
            f"{raw / full:.2f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
