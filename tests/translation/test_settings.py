import pytest
from django.core.exceptions import ImproperlyConfigured

from prensa.translation import conf
from prensa.translation.engines import engines_for
from prensa.translation.engines.apertium import ApertiumEngine
from prensa.translation.engines.deepl import DeepLEngine
from prensa.translation.errors import UnsupportedPair


def test_apertium_serves_every_pair_by_default(settings):
    settings.PRENSA_MT_ENGINES = None

    (engine,) = engines_for("en", "pt")

    assert isinstance(engine, ApertiumEngine)


def test_engines_are_chosen_per_pair_in_fallback_order(settings):
    settings.PRENSA_MT_ENGINES = {"en-es": ["deepl", "apertium"], "*": ["apertium"]}
    settings.DEEPL_API_KEY = "key:fx"

    engines = engines_for("en", "es")

    assert [e.name for e in engines] == ["deepl", "apertium"]
    assert isinstance(engines[0], DeepLEngine) and engines[0].url == "https://api-free.deepl.com"
    assert [e.name for e in engines_for("pt", "es")] == ["apertium"]


def test_an_engine_without_its_key_is_skipped_and_explained(settings):
    settings.PRENSA_MT_ENGINES = {"*": ["deepl"]}
    settings.DEEPL_API_KEY = ""

    with pytest.raises(UnsupportedPair) as raised:
        engines_for("en", "pt")

    assert raised.value.message == (
        "No translation engine is configured for English → Portuguese. "
        "Add an engine for 'en-pt' (or '*') to PRENSA_MT_ENGINES. "
        "Tried: deepl: DEEPL_API_KEY is not set."
    )


def test_a_pair_with_no_engine_gives_a_clear_message(settings):
    settings.PRENSA_MT_ENGINES = {"en-es": ["apertium"]}

    with pytest.raises(UnsupportedPair, match="English → Portuguese"):
        engines_for("en", "pt")


def test_the_engine_table_can_come_from_the_environment(settings, monkeypatch):
    del settings.PRENSA_MT_ENGINES
    monkeypatch.setenv("PRENSA_MT_ENGINES", "en-es=libretranslate,apertium; *=apertium")

    assert conf.engine_names_for("en", "es") == ["libretranslate", "apertium"]
    assert conf.engine_names_for("es", "pt") == ["apertium"]


def test_the_portuguese_variant_is_a_setting(settings):
    settings.PRENSA_PORTUGUESE_VARIANT = "pt"
    assert ApertiumEngine.from_settings().modes("es", "pt") == ["es-pt"]

    settings.PRENSA_PORTUGUESE_VARIANT = "pt-BR"
    assert ApertiumEngine.from_settings().modes("en", "pt") == ["eng-spa", "es-pt_BR"]

    settings.PRENSA_PORTUGUESE_VARIANT = "pt_AO"
    with pytest.raises(ImproperlyConfigured, match="pt_BR"):
        conf.portuguese_variant()


def test_libretranslate_settings_come_from_the_environment(settings, monkeypatch, tmp_path):
    for name in ("LIBRETRANSLATE_URL", "LIBRETRANSLATE_API_KEY"):
        if hasattr(settings, name):
            delattr(settings, name)
    key_file = tmp_path / "key"
    key_file.write_text("s3cret\n")
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://127.0.0.1:5000/")
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY_FILE", str(key_file))

    assert conf.libretranslate_url() == "http://127.0.0.1:5000"
    assert conf.libretranslate_api_key() == "s3cret"
