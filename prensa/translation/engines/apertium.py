"""Apertium, the offline default: Debian's `apertium-eng-spa` and `apertium-es-pt`.

en↔es and es↔pt are direct; en↔pt pivots through Spanish by piping one mode's
output stream into the next, so protected spans survive both stages.

How text goes in (see ENVIRONMENT.md, "Apertium from Python"):

- one `apertium -f none -u MODE` process chain per batch, never one per sentence;
- each segment is written in Apertium's own stream format: text escaped, kept
  pieces inside superblanks `[...]` (with their neighbouring spaces, which
  Apertium passes through untranslated), ended by the hidden sentence break
  `.[]` exactly as Apertium's text deformatter does before a blank line, so
  the transfer never moves words from one segment into the next and the
  output equals plain `apertium` on blank-line separated text;
- segments are separated by the superblank `[\\n\\n]` and split on it again;
- `-u` drops the unknown-word marks, and any `*`/`#`/`@` mark Apertium still
  emits is removed while reading the output (literal ones arrive escaped or
  protected, so they are told apart);
- the words Apertium could not translate (`*` unknown, `@` no transfer, `#` no
  generation) are still wanted, as flags for the desk: each stage also runs
  without `-u`, side by side, and its marks are collected per segment. Its text
  is not used, because a mark changes the spelling rules around it ("a
  *almazara" is not turned into "an almazara").
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from prensa.translation.engines import Engine, Keep, Output, Segment, WordStatus
from prensa.translation.errors import EngineBadResponse, EngineUnavailable

MODES_DIR = Path("/usr/share/apertium/modes")
SEPARATOR = "[\n\n]"
HIDDEN_BREAK = ".[]"
_SPECIAL = re.compile(r"([\\\[\]^$/@<>{}])")
_MARK = re.compile(r"(?<![\w\\])[*#@](?=\w)")
_MARKED = re.compile(r"(?<![^\W\d_\\])[*#@]([^\W\d_][\w'’-]*)")


def escape(text: str) -> str:
    """Escape text for Apertium's stream format (`-f none`)."""
    return _SPECIAL.sub(r"\\\1", text)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def encode(segment: Segment) -> str:
    """One segment in stream format, kept pieces (and the spaces around them) as superblanks."""
    parts: list[tuple[bool, str]] = []  # (kept, text)
    for piece in segment.pieces:
        if isinstance(piece, Keep):
            parts.append((True, piece.text.replace("\n", " ")))
        elif piece:
            parts.append((False, piece.replace("\n", " ")))
    # Move the whitespace around each kept piece into its superblank.
    for i, (kept, text) in enumerate(parts):
        if not kept:
            continue
        if i > 0 and not parts[i - 1][0]:
            before = parts[i - 1][1]
            stripped = before.rstrip()
            parts[i - 1] = (False, stripped)
            text = before[len(stripped) :] + text
        if i + 1 < len(parts) and not parts[i + 1][0]:
            after = parts[i + 1][1]
            stripped = after.lstrip()
            parts[i + 1] = (False, stripped)
            text = text + after[: len(after) - len(stripped)]
        parts[i] = (True, text)
    body = "".join(f"[{escape(text)}]" if kept else escape(text) for kept, text in parts)
    # Exactly what Apertium's own text deformatter writes before a blank line:
    # a hidden sentence break, so the transfer cannot move words across segments.
    return body + HIDDEN_BREAK


def _tokens(stream: str) -> list[tuple[bool, str]]:
    """Split an output stream into (is_superblank, raw text) tokens, escapes kept."""
    tokens: list[tuple[bool, str]] = []
    text: list[str] = []
    i, n = 0, len(stream)
    while i < n:
        char = stream[i]
        if char == "\\" and i + 1 < n:
            text.append(stream[i : i + 2])
            i += 2
        elif char == "[":
            if text:
                tokens.append((False, "".join(text)))
                text = []
            j = i + 1
            while j < n and stream[j] != "]":
                j += 2 if stream[j] == "\\" else 1
            tokens.append((True, stream[i + 1 : j]))
            i = j + 1
        else:
            text.append(char)
            i += 1
    if text:
        tokens.append((False, "".join(text)))
    return tokens


def marks(stream: str) -> list[list[str]]:
    """The words Apertium marked in each segment of an output stream run without `-u`."""
    found: list[list[str]] = [[]]
    for is_blank, raw in _tokens(stream):
        if is_blank:
            if raw == "\n\n":
                found.append([])
            continue
        found[-1].extend(unescape(word) for word in _MARKED.findall(raw))
    return found


def decode(stream: str) -> list[str]:
    """Split Apertium's output stream back into plain-text segments."""
    segments: list[list[tuple[bool, str]]] = [[]]
    for token in _tokens(stream):
        if token == (True, "\n\n"):
            segments.append([])
        else:
            segments[-1].append(token)
    return [_segment_text(tokens) for tokens in segments]


def _segment_text(tokens: list[tuple[bool, str]]) -> str:
    # Drop the hidden sentence break we appended: a final `.` before an empty superblank.
    while tokens and not tokens[-1][0] and not tokens[-1][1].strip():
        tokens.pop()
    if tokens and tokens[-1] == (True, ""):
        tokens.pop()
        if tokens and not tokens[-1][0]:
            text = tokens[-1][1].rstrip()
            if text.endswith(".") and not text.endswith("\\."):
                tokens[-1] = (False, text[:-1])
    out = []
    for is_blank, raw in tokens:
        if is_blank:
            out.append(unescape(raw))
        else:
            # Unescaped marks are Apertium's; literal ones arrive escaped (@) or protected.
            out.append(unescape(_MARK.sub("", raw)))
    return "".join(out).replace("\uffff", "").strip()


class ApertiumEngine(Engine):
    """Rule-based translation with Debian's Apertium packages."""

    name = "apertium"
    batch_size = 2000  # segments per process chain; a whole edition is one batch

    def __init__(
        self,
        portuguese_variant: str = "pt_BR",
        command: str = "apertium",
        modes_dir: Path = MODES_DIR,
        timeout: float = 120,
    ) -> None:
        self.portuguese_variant = portuguese_variant
        self.command = command
        self.modes_dir = Path(modes_dir)
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> ApertiumEngine:
        from prensa.translation import conf

        return cls(portuguese_variant=conf.portuguese_variant(), timeout=conf.timeout())

    def _direct_modes(self) -> dict[tuple[str, str], str]:
        to_pt = "es-pt_BR" if self.portuguese_variant == "pt_BR" else "es-pt"
        return {
            ("en", "es"): "eng-spa",
            ("es", "en"): "spa-eng",
            ("es", "pt"): to_pt,
            ("pt", "es"): "pt-es",
        }

    def modes(self, source: str, target: str) -> list[str]:
        """The Apertium modes run in sequence for a pair (two when pivoting through Spanish)."""
        direct = self._direct_modes()
        if (source, target) in direct:
            return [direct[(source, target)]]
        if (source, "es") in direct and ("es", target) in direct:
            return [direct[(source, "es")], direct[("es", target)]]
        return []

    def pairs(self) -> frozenset[tuple[str, str]]:
        available = {
            pair
            for pair, mode in self._direct_modes().items()
            if (self.modes_dir / f"{mode}.mode").exists()
        }
        pivots = {
            (s, t)
            for (s, mid) in available
            for (mid2, t) in available
            if mid == mid2 == "es" and s != t
        }
        return frozenset(available | pivots)

    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        stream = SEPARATOR.join(encode(segment) for segment in segments)
        marked: list[list[str]] = [[] for _ in segments]
        with ThreadPoolExecutor(max_workers=2) as pool:
            for mode in self.modes(source, target):
                clean = pool.submit(self._run, [self.command, "-f", "none", "-u", mode], stream)
                with_marks = pool.submit(self._run, [self.command, "-f", "none", mode], stream)
                stream = clean.result()
                for words, more in zip(marked, marks(with_marks.result()), strict=False):
                    words.extend(more)
        out = decode(stream)
        if len(out) != len(segments):
            raise EngineBadResponse(
                self.name, f"sent {len(segments)} segments and got {len(out)} back"
            )
        return [
            Output(text, [w for w in words if w in text])
            for text, words in zip(out, marked, strict=True)
        ]

    def _run(self, argv: list[str], stream: str) -> str:
        if shutil.which(argv[0]) is None:
            raise EngineUnavailable(
                self.name, f"the `{argv[0]}` command is not installed (Debian package `apertium`)"
            )
        try:
            done = subprocess.run(  # noqa: S603 (fixed argv, no shell)
                argv,
                input=stream,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise EngineUnavailable(
                self.name, f"`{shlex.join(argv)}` took longer than {self.timeout:g} s"
            ) from None
        except OSError as exc:
            raise EngineUnavailable(self.name, f"`{shlex.join(argv)}` failed: {exc}") from None
        if done.returncode != 0 or "Error:" in done.stderr:
            detail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
            raise EngineUnavailable(self.name, f"`{shlex.join(argv)}`: {detail[0]}")
        return done.stdout

    def analyse(
        self, phrases: Sequence[str], source: str, target: str
    ) -> list[list[tuple[str, WordStatus]]] | None:
        """How the first stage's dictionary reads each phrase: lexical units and their status.

        One `lt-proc` process for all phrases. Multi-word entries the dictionary
        knows (`United States`) come back as one unit.
        """
        modes = self.modes(source, target)
        if not modes or not phrases:
            return [] if modes else None
        analyser = _analyser(self.modes_dir / f"{modes[0]}.mode")
        if analyser is None:
            return None
        stream = "".join(f"{escape(p.replace(chr(10), ' '))}[][\n]" for p in phrases)
        out = self._run(["lt-proc", str(analyser)], stream)
        results: list[list[tuple[str, WordStatus]]] = [[] for _ in phrases]
        index = 0
        for is_blank, raw in _tokens(out):
            if is_blank:
                if raw == "\n":
                    index += 1
                continue
            if index >= len(results):
                break
            for unit in re.findall(r"\^((?:\\.|[^$])*)\$", raw):
                surface, _, analyses = unit.partition("/")
                results[index].append((unescape(surface), _status(analyses)))
        return results


def _status(analyses: str) -> WordStatus:
    if analyses.startswith("*") or not analyses:
        return WordStatus.UNKNOWN
    if all("<np>" in a for a in analyses.split("/")):
        return WordStatus.PROPER_NOUN
    return WordStatus.COMMON


@cache
def _analyser(mode_file: Path) -> Path | None:
    """The morphological analyser (`*.automorf.bin`) that starts a mode's pipeline."""
    try:
        first = mode_file.read_text().split("|")[0]
    except OSError:
        return None
    words = shlex.split(first)
    if len(words) >= 2 and words[0] == "lt-proc" and words[-1].endswith(".bin"):
        return Path(words[-1])
    return None
