"""Machine-translation engines behind one interface.

An engine translates a batch of segments from one language to another and says
which pairs it supports. Segments may carry `Keep` pieces: text the engine must
copy to its output unchanged (protected names, numbers already formatted for the
target locale, URLs, glossary renderings). Each engine maps them onto its own
mechanism (Apertium superblanks, DeepL ignored tags, LibreTranslate
`translate="no"` spans).

Which engines serve a pair, and in what fallback order, comes from settings
(`prensa.translation.conf`); `engines_for()` builds them.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from prensa.lib.languages import CODES
from prensa.translation.errors import (
    EngineBadResponse,
    EngineError,
    EngineNotConfigured,
    InvalidSource,
    UnsupportedPair,
    pair_label,
)

LANGUAGES = CODES
ALL_PAIRS = frozenset((s, t) for s in LANGUAGES for t in LANGUAGES if s != t)


class WordStatus(enum.Enum):
    """How an engine's dictionary reads one lexical unit (see `Engine.analyse`)."""

    UNKNOWN = "unknown"  # not in the dictionary: copied through unchanged
    PROPER_NOUN = "proper"  # a name the dictionary knows: rendered as a name
    COMMON = "common"  # an ordinary word: it will be translated


@dataclass(frozen=True)
class Keep:
    """A piece of a segment that the engine must copy to its output verbatim."""

    text: str


Piece = str | Keep


@dataclass(frozen=True)
class Segment:
    """One unit to translate (usually a sentence): text pieces and kept pieces."""

    pieces: tuple[Piece, ...]

    @classmethod
    def of(cls, value: str | Segment) -> Segment:
        """A segment from plain text, or the segment itself."""
        return value if isinstance(value, Segment) else cls((value,))

    @property
    def text(self) -> str:
        """The segment as the engine would see it if it translated nothing."""
        return "".join(p.text if isinstance(p, Keep) else p for p in self.pieces)

    @property
    def kept(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.pieces if isinstance(p, Keep))

    def is_blank(self) -> bool:
        return not self.text.strip()


class Output(str):
    """One translated segment, with the words the engine itself marked as doubtful.

    Rule-based engines know when they could not translate a word (Apertium's
    unknown-word marks); the text never shows the marks, the desk shows them as flags.
    A plain `str` from an engine means it marked nothing.
    """

    unknown: tuple[str, ...]

    def __new__(cls, text: str, unknown: Sequence[str] = ()) -> Output:
        output = super().__new__(cls, text)
        output.unknown = tuple(dict.fromkeys(unknown))
        return output


def unknown_words(output: str) -> tuple[str, ...]:
    """The words an engine marked in one of its outputs (none for a plain string)."""
    return getattr(output, "unknown", ())


class Engine(ABC):
    """Base class for engines: validation and batching here, the work in `_translate`.

    Subclasses set `name`, implement `pairs()` and `_translate()`, and may set
    `batch_size` (segments per request or per process).
    """

    name: ClassVar[str] = "engine"
    batch_size: ClassVar[int] = 500

    @abstractmethod
    def pairs(self) -> frozenset[tuple[str, str]]:
        """The (source, target) language pairs this engine translates."""

    def supports(self, source: str, target: str) -> bool:
        """Whether this engine translates from `source` to `target`."""
        return (source, target) in self.pairs()

    def translate(self, segments: Sequence[str | Segment], source: str, target: str) -> list[str]:
        """Translate `segments` from `source` to `target`, one output per input.

        Raises `UnsupportedPair` for a pair the engine lacks, a subclass of
        `EngineError` when the engine fails, and `EngineBadResponse` when it
        returns a different number of segments or an empty one. Never returns
        a partial result.
        """
        if not self.supports(source, target):
            raise UnsupportedPair(
                source, target, f"The {self.name} engine does not translate this pair."
            )
        batch = [Segment.of(s) for s in segments]
        blank = [i for i, segment in enumerate(batch) if segment.is_blank()]
        if blank:
            raise InvalidSource(f"Segment {blank[0] + 1} is empty; there is nothing to translate.")
        results: list[str] = []
        for start in range(0, len(batch), self.batch_size):
            chunk = batch[start : start + self.batch_size]
            out = list(self._translate(chunk, source, target))
            if len(out) != len(chunk):
                raise EngineBadResponse(
                    self.name,
                    f"sent {len(chunk)} segments for {pair_label(source, target)} "
                    f"and received {len(out)}",
                )
            empty = [i for i, text in enumerate(out) if not text.strip()]
            if empty:
                raise EngineBadResponse(
                    self.name, f"returned an empty translation for segment {start + empty[0] + 1}"
                )
            results.extend(out)
        return results

    @abstractmethod
    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        """Translate one batch; the base class has checked the pair and the input."""

    def analyse(
        self, phrases: Sequence[str], source: str, target: str
    ) -> list[list[tuple[str, WordStatus]]] | None:
        """How the engine's dictionary reads each phrase: its lexical units and their status.

        `None` means the engine cannot tell (neural engines); the pipeline then
        protects only what the glossary asks for. Rule-based engines use this
        to protect names they would mangle.
        """
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


def _registry() -> dict[str, Callable[[], Engine]]:
    from prensa.translation.engines.apertium import ApertiumEngine
    from prensa.translation.engines.deepl import DeepLEngine
    from prensa.translation.engines.libretranslate import LibreTranslateEngine
    from prensa.translation.engines.neural import NeuralEngine

    return {
        "apertium": ApertiumEngine.from_settings,
        "libretranslate": LibreTranslateEngine.from_settings,
        "deepl": DeepLEngine.from_settings,
        "neural": NeuralEngine.from_settings,
    }


def _names_for(source: str, target: str) -> list[str]:
    """The configured names for a pair; an installed neural model goes first unless the
    pair has a row of its own in `PRENSA_MT_ENGINES` (the `"*"` row does not count)."""
    from prensa.translation import conf
    from prensa.translation.engines.neural import NeuralEngine
    from prensa.translation.engines.neural_store import installed

    names = conf.engine_names_for(source, target)
    if conf.pair_is_configured(source, target) or not names:
        return names
    models = installed()
    if models and NeuralEngine(models).supports(source, target):
        return ["neural", *(n for n in names if n != "neural")]
    return names


def engine_names() -> list[str]:
    """Names accepted in `PRENSA_MT_ENGINES`."""
    return sorted(_registry())


def build_engine(name: str) -> Engine:
    """The engine called `name`, configured from settings.

    Raises `EngineNotConfigured` for an unknown name or a missing URL/key.
    """
    factory = _registry().get(name)
    if factory is None:
        raise EngineNotConfigured(name, f"no such engine; choose from {', '.join(engine_names())}")
    return factory()


def engines_for(source: str, target: str) -> list[Engine]:
    """Engines configured for `source` → `target`, in fallback order.

    When a neural model serves the pair (`prensa engines add`) and the pair has no
    row of its own in settings, the neural engine comes first. Engines named in
    settings but not configured (no URL or key, no model) are skipped;
    raises `UnsupportedPair`, with a message fit for the desk and the CLI, when
    none is left.
    """
    names = _names_for(source, target)
    engines: list[Engine] = []
    problems: list[str] = []
    for name in names:
        try:
            engine = build_engine(name)
        except EngineError as error:
            problems.append(error.message)
            continue
        if engine.supports(source, target):
            engines.append(engine)
        else:
            problems.append(f"{name} does not translate this pair")
    if not engines:
        tried = f" Tried: {'; '.join(problems)}." if problems else ""
        raise UnsupportedPair(
            source,
            target,
            f"Add an engine for '{source}-{target}' (or '*') to PRENSA_MT_ENGINES.{tried}",
        )
    return engines


__all__ = [
    "ALL_PAIRS",
    "LANGUAGES",
    "Engine",
    "Keep",
    "Piece",
    "Segment",
    "WordStatus",
    "build_engine",
    "engine_names",
    "engines_for",
]
