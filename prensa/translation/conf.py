"""Translation settings, read once per call with defaults (Django settings first, then the environment).

- `PRENSA_MT_ENGINES`: engines per language pair, in fallback order, e.g.
  `{"en-es": ["deepl", "apertium"], "*": ["apertium"]}`. In the environment:
  `PRENSA_MT_ENGINES="en-es=deepl,apertium;*=apertium"`.
- `PRENSA_PORTUGUESE_VARIANT`: `"pt_BR"` (Brazilian, default) or `"pt"` (European).
- `LIBRETRANSLATE_URL`, `LIBRETRANSLATE_API_KEY` (optional).
- `DEEPL_API_KEY`, `DEEPL_API_URL` (defaults to the free or pro endpoint by key).
- `PRENSA_MT_TIMEOUT`: seconds an engine call may take (default 120).
- `PRENSA_MT_MODELS_DIR`: where `prensa engines add` installs neural models
  (default `var/mt-models` in the project folder).
- `PRENSA_MT_THREADS`: CPU threads each neural model uses per worker (default: the
  machine's cores, at most 4).
- `PRENSA_MT_BEAM_SIZE`: beam width of the neural engine (default 4).
- `PRENSA_MT_MEMORY_LIMIT`: megabytes the neural models of one worker may use in
  total; `engines add` refuses a model past it (default 0: only the memory the
  machine has free limits it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from prensa.lib.env import env_int, env_secret, env_str

DEFAULT_ENGINES: dict[str, list[str]] = {"*": ["apertium"]}
PORTUGUESE_VARIANTS = ("pt_BR", "pt")


def _setting(name: str, default: object = None) -> object:
    return getattr(settings, name, default) if settings.configured else default


def mt_engines() -> dict[str, list[str]]:
    """The per-pair engine table, keys like `"en-pt"` or `"*"`."""
    value = _setting("PRENSA_MT_ENGINES")
    if value is None:
        raw = env_str("PRENSA_MT_ENGINES")
        value = parse_engine_table(raw) if raw.strip() else DEFAULT_ENGINES
    if not isinstance(value, dict):
        raise ImproperlyConfigured("PRENSA_MT_ENGINES must map 'src-tgt' or '*' to a list")
    return {str(k): [str(n) for n in v] for k, v in value.items()}


def parse_engine_table(raw: str) -> dict[str, list[str]]:
    """Parse `"en-es=deepl,apertium;*=apertium"` into a per-pair table."""
    table: dict[str, list[str]] = {}
    for entry in raw.split(";"):
        if not entry.strip():
            continue
        pair, sep, names = entry.partition("=")
        if not sep:
            raise ImproperlyConfigured(
                f"PRENSA_MT_ENGINES entry {entry!r} should look like 'en-es=deepl,apertium'"
            )
        table[pair.strip()] = [n.strip() for n in names.split(",") if n.strip()]
    return table


def pair_is_configured(source: str, target: str) -> bool:
    """Whether the engine table has a row of its own for this pair (not only `"*"`)."""
    return f"{source}-{target}" in mt_engines()


def engine_names_for(source: str, target: str) -> list[str]:
    """Engine names for one pair, in fallback order (the `"*"` row if the pair has none)."""
    table = mt_engines()
    return list(table.get(f"{source}-{target}", table.get("*", [])))


_VARIANT: ContextVar[str | None] = ContextVar("portuguese_variant", default=None)

# Language tags the CLI takes for a Portuguese target: the variant, then the language.
PORTUGUESE_TAGS = {"pt-BR": "pt_BR", "pt-PT": "pt"}


@contextmanager
def variant(value: str | None) -> Iterator[None]:
    """Draft in this Portuguese variant inside the block (`--to pt-PT`), whatever the setting."""
    token = _VARIANT.set(value)
    try:
        yield
    finally:
        _VARIANT.reset(token)


def split_language_tag(tag: str) -> tuple[str, str | None]:
    """`"pt-PT"` → `("pt", "pt")`, `"pt-BR"` → `("pt", "pt_BR")`, `"es"` → `("es", None)`."""
    for known, value in PORTUGUESE_TAGS.items():
        if tag.lower() == known.lower():
            return "pt", value
    return tag, None


def portuguese_variant() -> str:
    """`"pt_BR"` or `"pt"` (European Portuguese)."""
    value = (
        _VARIANT.get()
        or _setting("PRENSA_PORTUGUESE_VARIANT")
        or env_str("PRENSA_PORTUGUESE_VARIANT", "pt_BR")
    )
    value = str(value).replace("-", "_")
    if value == "pt_PT":
        value = "pt"
    if value not in PORTUGUESE_VARIANTS:
        raise ImproperlyConfigured(
            f"PRENSA_PORTUGUESE_VARIANT={value!r}: use 'pt_BR' (Brazilian) or 'pt' (European)"
        )
    return value


def _secret(name: str) -> str:
    value = _setting(name)
    if value is None:
        value = env_secret(name, "")
    return str(value or "").strip()


def libretranslate_url() -> str:
    return _secret("LIBRETRANSLATE_URL").rstrip("/")


def libretranslate_api_key() -> str:
    return _secret("LIBRETRANSLATE_API_KEY")


def deepl_api_key() -> str:
    return _secret("DEEPL_API_KEY")


def deepl_api_url() -> str:
    """DeepL's base URL: the setting, else the free endpoint for `:fx` keys, else pro."""
    url = _secret("DEEPL_API_URL")
    if url:
        return url.rstrip("/")
    if deepl_api_key().endswith(":fx"):
        return "https://api-free.deepl.com"
    return "https://api.deepl.com"


def timeout() -> int:
    value = _setting("PRENSA_MT_TIMEOUT")
    return int(value) if value is not None else env_int("PRENSA_MT_TIMEOUT", 120)


def mt_models_dir() -> Path:
    """The folder of installed neural models (`PRENSA_MT_MODELS_DIR`)."""
    value = _setting("PRENSA_MT_MODELS_DIR") or env_str("PRENSA_MT_MODELS_DIR")
    if value:
        return Path(str(value))
    return Path(__file__).resolve().parents[2] / "var" / "mt-models"  # the project's var/


def _int_setting(name: str, default: int) -> int:
    value = _setting(name)
    try:
        return int(value) if value is not None else env_int(name, default)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name}={value!r} should be a whole number") from None


def mt_threads() -> int:
    """CPU threads per neural model (`PRENSA_MT_THREADS`)."""
    threads = _int_setting("PRENSA_MT_THREADS", min(4, os.cpu_count() or 1))
    if threads < 1:
        raise ImproperlyConfigured(f"PRENSA_MT_THREADS={threads}: use 1 or more")
    return threads


def mt_beam_size() -> int:
    """Beam width of the neural engine (`PRENSA_MT_BEAM_SIZE`); 1 is greedy and fastest."""
    beam = _int_setting("PRENSA_MT_BEAM_SIZE", 4)
    if beam < 1:
        raise ImproperlyConfigured(f"PRENSA_MT_BEAM_SIZE={beam}: use 1 or more")
    return beam


def mt_memory_limit() -> float:
    """Megabytes one worker's neural models may use together (0: no limit but the machine's)."""
    value = _setting("PRENSA_MT_MEMORY_LIMIT")
    if value is None:
        value = env_str("PRENSA_MT_MEMORY_LIMIT", "0") or "0"
    try:
        limit = float(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(
            f"PRENSA_MT_MEMORY_LIMIT={value!r} should be a number of megabytes"
        ) from None
    return max(limit, 0.0)
