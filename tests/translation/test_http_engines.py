import socket

import pytest

from prensa.translation.engines import Keep, Segment
from prensa.translation.engines.deepl import DeepLEngine
from prensa.translation.engines.libretranslate import LibreTranslateEngine
from prensa.translation.errors import (
    EngineAuthError,
    EngineBadResponse,
    EngineError,
    EngineNotConfigured,
    EngineQuotaExceeded,
    EngineRateLimited,
    EngineUnavailable,
)

from .fakeserver import FakeTranslationServer

NAMED = Segment(("Fighters from ", Keep("Nour Al-Din Al-Zenki"), " said & left."))


def unused_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# LibreTranslate


def test_libretranslate_sends_a_batch_as_q_list_with_source_target_format_and_key():
    with FakeTranslationServer(api_key="secret") as server:
        engine = LibreTranslateEngine(server.url, api_key="secret")

        out = engine.translate(["Hello.", "Good night."], "en", "pt")

    assert out == ["[PT] HELLO.", "[PT] GOOD NIGHT."]
    (request,) = server.requests
    assert request.path == "/translate"
    assert request.body == {
        "q": ["Hello.", "Good night."],
        "source": "en",
        "target": "pt",
        "format": "text",
        "api_key": "secret",
    }


def test_libretranslate_keeps_protected_pieces_in_translate_no_spans():
    with FakeTranslationServer() as server:
        (out,) = LibreTranslateEngine(server.url).translate([NAMED], "en", "es")

    assert out == "[ES] FIGHTERS FROM Nour Al-Din Al-Zenki SAID & LEFT."
    body = server.requests[0].body
    assert body["format"] == "html"
    assert body["q"] == [
        'Fighters from <span translate="no">Nour Al-Din Al-Zenki</span> said &amp; left.'
    ]
    assert "api_key" not in body


def test_libretranslate_needs_a_url():
    with pytest.raises(EngineNotConfigured, match="LIBRETRANSLATE_URL"):
        LibreTranslateEngine("")


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (403, EngineAuthError),
        (429, EngineRateLimited),
        (500, EngineUnavailable),
        (503, EngineUnavailable),
        (400, EngineError),
    ],
)
def test_libretranslate_maps_error_statuses_to_typed_errors(status, error):
    with FakeTranslationServer(fail_status=status) as server, pytest.raises(error) as raised:
        LibreTranslateEngine(server.url).translate(["Hello."], "en", "es")

    assert f"HTTP {status}" in str(raised.value)


def test_libretranslate_rate_limit_is_retryable_and_says_when():
    with (
        FakeTranslationServer(fail_status=429) as server,
        pytest.raises(EngineRateLimited) as raised,
    ):
        LibreTranslateEngine(server.url).translate(["Hello."], "en", "es")

    assert raised.value.retryable
    assert "retry after 3 s" in raised.value.message


def test_libretranslate_with_a_wrong_key_is_an_auth_error_that_is_not_retried():
    with FakeTranslationServer(api_key="right") as server, pytest.raises(EngineAuthError) as raised:
        LibreTranslateEngine(server.url, api_key="wrong").translate(["Hello."], "en", "es")

    assert not raised.value.retryable
    assert "Invalid API key" in raised.value.message


def test_libretranslate_down_is_engine_unavailable():
    with pytest.raises(EngineUnavailable, match="cannot reach"):
        LibreTranslateEngine(unused_port_url()).translate(["Hello."], "en", "es")


def test_libretranslate_returning_fewer_segments_is_a_bad_response():
    with FakeTranslationServer(drop_last=True) as server, pytest.raises(EngineBadResponse):
        LibreTranslateEngine(server.url).translate(["One.", "Two."], "en", "es")


def test_libretranslate_returning_an_empty_segment_is_a_bad_response():
    with (
        FakeTranslationServer(empty_first=True) as server,
        pytest.raises(EngineBadResponse, match="empty translation for segment 1"),
    ):
        LibreTranslateEngine(server.url).translate(["One.", "Two."], "en", "es")


# DeepL


def test_deepl_authenticates_with_its_header_and_sends_json_text_lists():
    with FakeTranslationServer(api_key="k:fx") as server:
        engine = DeepLEngine("k:fx", url=server.url, portuguese_variant="pt_BR")

        out = engine.translate(["Hello.", "Bye."], "en", "pt")

    assert out == ["[PT-BR] HELLO.", "[PT-BR] BYE."]
    (request,) = server.requests
    assert request.path == "/v2/translate"
    assert request.headers["Authorization"] == "DeepL-Auth-Key k:fx"
    assert request.body == {"text": ["Hello.", "Bye."], "source_lang": "EN", "target_lang": "PT-BR"}


def test_deepl_targets_european_portuguese_and_american_english_variants():
    engine = DeepLEngine("k", portuguese_variant="pt")

    assert engine.target_code("pt") == "PT-PT"
    assert engine.target_code("en") == "EN-US"
    assert engine.target_code("es") == "ES"


def test_deepl_keeps_protected_pieces_as_ignored_xml_tags():
    with FakeTranslationServer() as server:
        (out,) = DeepLEngine("k", url=server.url).translate([NAMED], "en", "es")

    assert out == "[ES] FIGHTERS FROM Nour Al-Din Al-Zenki SAID & LEFT."
    body = server.requests[0].body
    assert body["tag_handling"] == "xml"
    assert body["ignore_tags"] == ["keep"]
    assert body["text"] == ["Fighters from <keep>Nour Al-Din Al-Zenki</keep> said &amp; left."]


def test_deepl_sends_at_most_fifty_texts_per_request():
    with FakeTranslationServer() as server:
        out = DeepLEngine("k", url=server.url).translate(
            [f"Line {n}." for n in range(120)], "en", "es"
        )

    assert len(out) == 120
    assert [len(r.body["text"]) for r in server.requests] == [50, 50, 20]


@pytest.mark.parametrize(
    ("status", "error", "retryable"),
    [
        (403, EngineAuthError, False),
        (429, EngineRateLimited, True),
        (456, EngineQuotaExceeded, False),
        (500, EngineUnavailable, True),
        (503, EngineUnavailable, True),
    ],
)
def test_deepl_maps_error_statuses_to_typed_errors(status, error, retryable):
    with FakeTranslationServer(fail_status=status) as server, pytest.raises(error) as raised:
        DeepLEngine("k", url=server.url).translate(["Hello."], "en", "es")

    assert raised.value.retryable is retryable
    assert raised.value.engine == "deepl"


def test_deepl_quota_error_says_the_quota_is_used_up():
    with (
        FakeTranslationServer(fail_status=456) as server,
        pytest.raises(EngineQuotaExceeded) as raised,
    ):
        DeepLEngine("k", url=server.url).translate(["Hello."], "en", "es")

    assert "quota" in raised.value.message and "Quota exceeded" in raised.value.message


def test_deepl_needs_a_key():
    with pytest.raises(EngineNotConfigured, match="DEEPL_API_KEY"):
        DeepLEngine("")


def test_deepl_down_is_engine_unavailable():
    with pytest.raises(EngineUnavailable):
        DeepLEngine("k", url=unused_port_url()).translate(["Hello."], "en", "es")


def test_deepl_returning_fewer_segments_is_a_bad_response():
    with (
        FakeTranslationServer(drop_last=True) as server,
        pytest.raises(EngineBadResponse, match=r"sent 2 segments .* received 1"),
    ):
        DeepLEngine("k", url=server.url).translate(["One.", "Two."], "en", "es")


def test_deepl_returning_an_empty_segment_is_a_bad_response():
    with FakeTranslationServer(empty_first=True) as server, pytest.raises(EngineBadResponse):
        DeepLEngine("k", url=server.url).translate(["One.", "Two."], "en", "es")
