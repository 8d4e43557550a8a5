import json

import pytest
from django.core.management import CommandError, call_command

from .fakeserver import FakeTranslationServer
from .stories import FIGURES_EN


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("\n\n".join(FIGURES_EN) + "\n", encoding="utf-8")
    return path


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("translate-file", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_each_translation_next_to_the_file_and_reports(story, settings):
    settings.PRENSA_MT_ENGINES = {"*": ["apertium"]}

    out, _ = run(str(story), "--from", "en", "--to", "pt,es")

    portuguese = (story.parent / "story.pt.md").read_text(encoding="utf-8")
    spanish = (story.parent / "story.es.md").read_text(encoding="utf-8")
    assert "250.000" in portuguese and "12 de março de 2024" in portuguese
    assert "250.000" in spanish and "12 de marzo de 2024" in spanish
    assert f"Wrote {story.parent / 'story.pt.md'} (apertium)" in out
    assert "en → pt:" in out and "en → es:" in out


def test_it_prints_a_json_report_with_the_translations(story, settings):
    settings.PRENSA_MT_ENGINES = {"*": ["apertium"]}

    out, _ = run(str(story), "--from", "en", "--to", "es", "--print", "--json")

    data = json.loads(out)
    (es,) = data["translations"]
    assert es["language"] == "es" and es["path"] is None and es["engine"] == "apertium"
    assert len(es["fidelity"]["paragraphs"]) == 5
    assert not (story.parent / "story.es.md").exists()


def test_it_uses_a_glossary_file_and_an_engine_given_on_the_command_line(story, tmp_path, settings):
    glossary = tmp_path / "glossary.toml"
    glossary.write_text('[terms.en-pt]\n"Aleppo" = "Alepo"\n', encoding="utf-8")
    with FakeTranslationServer() as server:
        settings.LIBRETRANSLATE_URL = server.url

        out, err = run(
            str(story), "--from", "en", "--to", "pt", "--print",
            "--engine", "libretranslate", "--glossary", str(glossary),
        )  # fmt: skip

    assert out.startswith("[PT] AID CONVOY REACHES Alepo AS 250.000 WAIT FOR FOOD")
    assert "en → pt:" in err


def test_a_failing_engine_is_a_clear_error_and_writes_nothing(story, settings):
    with FakeTranslationServer(fail_status=503) as server:
        settings.LIBRETRANSLATE_URL = server.url

        with pytest.raises(CommandError, match="libretranslate: HTTP 503"):
            run(str(story), "--from", "en", "--to", "pt,es", "--engine", "libretranslate")

    assert list(story.parent.iterdir()) == [story]


def test_a_file_with_no_body_is_a_clear_error(tmp_path):
    path = tmp_path / "headline-only.txt"
    path.write_text("Only a headline\n", encoding="utf-8")

    with pytest.raises(CommandError, match="has no body"):
        run(str(path), "--from", "en", "--to", "pt")


def test_an_unsupported_pair_is_a_clear_error(story, settings):
    settings.PRENSA_MT_ENGINES = {"en-es": ["apertium"]}

    with pytest.raises(
        CommandError, match="No translation engine is configured for English → Portuguese"
    ):
        run(str(story), "--from", "en", "--to", "pt")


def test_an_unknown_target_language_is_refused(story):
    with pytest.raises(CommandError, match="unknown language"):
        run(str(story), "--from", "en", "--to", "fr")


def test_pt_pt_drafts_european_portuguese_whatever_the_setting(tmp_path, settings):
    settings.PRENSA_MT_ENGINES = {"*": ["apertium"]}
    settings.PRENSA_PORTUGUESE_VARIANT = "pt_BR"
    path = tmp_path / "sectors.md"
    path.write_text("Sectors of the city\n\nThe sectors of the city will be protected.\n")

    european, _ = run(str(path), "--from", "en", "--to", "pt-PT", "--print")
    brazilian, _ = run(str(path), "--from", "en", "--to", "pt-BR", "--print")

    assert "sectores" in european and "setores" not in european
    assert "setores" in brazilian
    assert "protecção" not in european  # the 1990 Agreement's spelling, not Apertium's
