"""Translation settings, read once per call with defaults (Django settings first, then the environment).

- `PRENSA_MT_ENGINES`: engines per language pair, in fallback order, e.g.
  `{"en-es": ["deepl", "apertium"], "*": ["apertium"]}`. In the environment:
  `PRENSA_MT_ENGINES="en-es=deepl,apertium;*=apertium"`.
- `PRENSA_PORTUGUESE_VARIANT`: `"pt_BR"` (Brazilian, default) or `"pt"` (European).
- `LIBRETRANSLATE_URL`, `LIBRETRANSLATE_API_KEY` (optional).
- `DEEPL_API_KEY`, `DEEPL_API_URL` (defaults to the free or pro endpoint by key).
- `PRENSA_MT_TIMEOUT`: seconds an engine call may take (default 120).
"""

from __future__ import annotations

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


def engine_names_for(source: str, target: str) -> list[str]:
    """Engine names for one pair, in fallback order (the `"*"` row if the pair has none)."""
    table = mt_engines()
    return list(table.get(f"{source}-{target}", table.get("*", [])))


def portuguese_variant() -> str:
    """`"pt_BR"` or `"pt"` (European Portuguese)."""
    value = _setting("PRENSA_PORTUGUESE_VARIANT") or env_str("PRENSA_PORTUGUESE_VARIANT", "pt_BR")
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
