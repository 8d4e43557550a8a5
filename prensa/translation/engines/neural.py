"""A local neural engine: CTranslate2 models installed with `prensa engines add`.

Models (Argos Translate packages, OPUS-MT models converted by CTranslate2) live in
`PRENSA_MT_MODELS_DIR`, one per pair (see `neural_store`). A pair without a model
of its own pivots through the third language when both halves are installed
(pt→en through Spanish with pt-es and es-en).

- Each model is loaded once per worker process and kept (`_loaded`), weights in
  int8 on the CPU, `PRENSA_MT_THREADS` threads each.
- Sentences go to CTranslate2 in batches of `batch_size`.
- A neural model cannot be told to leave a span alone, so each kept piece is
  replaced by a placeholder it copies: a Private Use Area character, which
  SentencePiece reads as an unknown token and CTranslate2 puts back
  (`replace_unknowns`). When a placeholder does not come back exactly once, the
  segment is translated again with the kept text written out, so nothing is
  dropped: the fidelity checks then show any name, number or term the model changed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from prensa.translation.engines import Engine, Keep, Segment
from prensa.translation.engines.neural_store import InstalledModel, LoadedModel, installed
from prensa.translation.errors import EngineNotConfigured, EngineUnavailable, pair_label

logger = logging.getLogger(__name__)

PLACEHOLDER_BASE = 0xE000  # Unicode Private Use Area: never in news copy, never in a vocabulary

_loaded: dict[tuple[str, int, int], LoadedModel] = {}
_loading = threading.Lock()


def loaded_model(model: InstalledModel, threads: int) -> LoadedModel:
    """The model's translator in this process, loaded the first time it is asked for."""
    manifest = model.folder / "prensa-model.json"
    try:
        stamp = manifest.stat().st_mtime_ns
    except OSError:
        stamp = 0
    key = (str(model.folder), stamp, threads)
    with _loading:
        if key not in _loaded:
            for old in [k for k in _loaded if k[0] == key[0]]:
                del _loaded[old]  # replaced since: let the old weights go
            try:
                _loaded[key] = LoadedModel(Path(model.folder), threads)
            except (RuntimeError, ValueError, OSError) as exc:
                raise EngineNotConfigured(
                    NeuralEngine.name,
                    f"the installed {model.pair} model cannot be loaded ({exc}); "
                    f"add it again with `prensa engines add`",
                ) from None
        return _loaded[key]


def encode(segment: Segment) -> tuple[str, list[tuple[str, str]]]:
    """The segment's text with each kept piece as a placeholder, and (placeholder, text) pairs."""
    parts: list[str] = []
    kept: list[tuple[str, str]] = []
    for piece in segment.pieces:
        if isinstance(piece, Keep):
            mark = chr(PLACEHOLDER_BASE + len(kept))
            kept.append((mark, piece.text))
            parts.append(mark)
        else:
            parts.append(piece)
    return "".join(parts), kept


def restore(output: str, kept: Sequence[tuple[str, str]]) -> str | None:
    """`output` with the kept text back in place; None if any placeholder is lost or repeated."""
    for mark, _text in kept:
        if output.count(mark) != 1:
            return None
    for mark, text in kept:
        output = output.replace(mark, text)
    if any(PLACEHOLDER_BASE <= ord(c) < PLACEHOLDER_BASE + 0x1000 for c in output):
        return None  # a placeholder the model invented
    return output


class NeuralEngine(Engine):
    """CTranslate2 models from `PRENSA_MT_MODELS_DIR`, direct or through a pivot language."""

    name = "neural"
    batch_size = 32  # sentences per CTranslate2 batch

    def __init__(
        self,
        models: dict[tuple[str, str], InstalledModel],
        *,
        threads: int = 1,
        beam_size: int = 4,
    ) -> None:
        self.models = dict(models)
        self.threads = threads
        self.beam_size = beam_size

    @classmethod
    def from_settings(cls) -> NeuralEngine:
        from prensa.translation import conf

        models = installed()
        if not models:
            raise EngineNotConfigured(
                cls.name,
                f"no neural model is installed in {conf.mt_models_dir()}; "
                "add one with `prensa engines add PATH`",
            )
        return cls(models, threads=conf.mt_threads(), beam_size=conf.mt_beam_size())

    def route(self, source: str, target: str) -> list[InstalledModel]:
        """The models run in sequence for a pair: one, or two through a pivot language."""
        if (source, target) in self.models:
            return [self.models[(source, target)]]
        for (s, middle), first in sorted(self.models.items()):
            if s == source and middle != target and (middle, target) in self.models:
                return [first, self.models[(middle, target)]]
        return []

    def pairs(self) -> frozenset[tuple[str, str]]:
        languages = {code for pair in self.models for code in pair}
        return frozenset(
            (s, t) for s in languages for t in languages if s != t and self.route(s, t)
        )

    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        route = self.route(source, target)
        encoded = [encode(segment) for segment in segments]
        outputs = self._run(route, [text for text, _ in encoded], source, target)
        results: list[str | None] = [
            restore(output, kept) for output, (_, kept) in zip(outputs, encoded, strict=True)
        ]
        lost = [i for i, result in enumerate(results) if result is None]
        if lost:
            logger.info(
                "neural %s-%s: %d of %d segments lost a kept piece; translated again with it "
                "written out",
                source,
                target,
                len(lost),
                len(segments),
            )
            # Written out, the kept text is translated like the rest; nothing is dropped.
            again = self._run(route, [segments[i].text for i in lost], source, target)
            for i, text in zip(lost, again, strict=True):
                results[i] = text
        return [text or "" for text in results]

    def _run(
        self, route: Sequence[InstalledModel], texts: list[str], source: str, target: str
    ) -> list[str]:
        for model in route:
            translator = loaded_model(model, self.threads)
            try:
                texts = translator.translate(
                    texts, beam_size=self.beam_size, batch_size=self.batch_size
                )
            except (RuntimeError, ValueError, MemoryError) as exc:
                raise EngineUnavailable(
                    self.name,
                    f"the {model.pair} model crashed translating {pair_label(source, target)}: "
                    f"{exc.__class__.__name__}: {exc}",
                ) from None
        return texts
