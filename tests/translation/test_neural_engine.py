"""The local neural engine, over tiny models built here: random weights, real CTranslate2.

What the models write is nonsense; these tests check everything around it:
`prensa engines add|list|remove`, each refusal at add time, the engine order,
loading once per process, batching, pivoting, kept spans, and that memory,
glossary, fidelity checks, staleness and the desk work as they do over Apertium.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prensa.translation.engines import Keep, Segment, build_engine, engines_for, neural
from prensa.translation.engines.neural import NeuralEngine, encode, restore
from prensa.translation.engines.neural_store import installed
from prensa.translation.errors import EngineNotConfigured
from prensa.translation.glossary import Glossary, Term
from prensa.translation.memory import InMemoryMemory
from prensa.translation.pipeline import Pipeline
from prensa.translation.staleness import Segment as AlignedSegment
from prensa.translation.staleness import State, realign, refresh

from .tinymodels import (
    make_argos_package,
    make_opus_mt_checkpoint,
    make_opus_mt_model,
)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Model files a newsroom would download, made once for the session."""
    root = tmp_path_factory.mktemp("downloads")
    return {
        "argos en-es": make_argos_package(root / "translate-en_es-1_0.argosmodel", "en", "es"),
        "argos en-pt": make_argos_package(root / "translate-en_pt-1_0.argosmodel", "en", "pt", 3),
        "argos es-pt": make_argos_package(root / "translate-es_pt-1_0.argosmodel", "es", "pt", 4),
        "opus es-pt release": make_opus_mt_checkpoint(root / "opus-mt-es-pt", "es", "pt"),
        "ct2 pt-es": make_opus_mt_model(root / "converted" / "pt-es", "pt", "es", 5),
    }


@pytest.fixture(autouse=True)
def models(settings, tmp_path) -> Path:
    """Each test has its own empty models folder and the default engine table."""
    settings.PRENSA_MT_MODELS_DIR = str(tmp_path / "models")
    settings.PRENSA_MT_ENGINES = None
    settings.PRENSA_MT_MEMORY_LIMIT = 0
    return tmp_path / "models"


def engines(*args: str) -> str:
    out = StringIO()
    call_command("engines", *args, stdout=out)
    return out.getvalue()


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        engines(*args)
    return str(caught.value)


def copy(path: Path, to: Path) -> Path:
    if path.is_dir():
        return Path(shutil.copytree(path, to))
    to.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(path, to))


# ------------------------------------------------------------ engines add / list / remove


def test_an_argos_package_is_checked_installed_and_listed(built, models):
    said = engines("add", str(built["argos en-es"]))

    assert "Installed translate-en_es-1_0.argosmodel for English → Spanish (en-es)" in said
    assert "Engines for en-es now: neural, apertium." in said
    folder = models / "en-es"
    assert {"model", "source.spm", "target.spm", "prensa-model.json"} <= {
        p.name for p in folder.iterdir()
    }
    listing = engines("list")
    row = next(line for line in listing.splitlines() if line.startswith("en-es"))
    for cell in ("neural", "translate-en_es-1_0.argosmodel (argos)", "KB", "MB"):
        assert cell in row
    assert str(built["argos en-es"]) in row


def test_an_opus_mt_release_is_converted_with_ctranslate2s_converter_and_installed(built, models):
    said = engines("add", str(built["opus es-pt release"]))

    assert "for Spanish → Portuguese (es-pt)" in said
    manifest = json.loads((models / "es-pt" / "prensa-model.json").read_text())
    assert manifest["kind"] == "opus-mt"
    assert (models / "es-pt" / "model" / "model.bin").exists()


def test_a_converted_opus_mt_folder_is_installed_with_its_pair_from_its_readme(built):
    engines("add", str(built["ct2 pt-es"]))
    assert set(installed()) == {("pt", "es")}


def test_remove_uninstalls_the_model_and_the_pair_goes_back_to_apertium(built, models):
    engines("add", str(built["argos en-es"]))
    assert engines("remove", "en-es").startswith("Removed the en-es model")
    assert not (models / "en-es").exists()
    assert [e.name for e in engines_for("en", "es")] == ["apertium"]
    assert "No neural model is installed" in engines("list")
    assert "No neural model is installed for en-es" in refused("remove", "en-es")


# ------------------------------------------------------------ refusals at add time


def test_a_model_for_the_wrong_pair_is_refused(built, models):
    message = refused("add", str(built["argos en-es"]), "--pair", "en-pt")
    assert "is a model for English → Spanish (en-es), not English → Portuguese (en-pt)" in message
    assert not installed()


def test_a_model_for_a_language_prensa_does_not_publish_is_refused(built, tmp_path):
    release = copy(built["opus es-pt release"], tmp_path / "opus-mt-en-de")
    (release / "README.md").write_text("* source language(s): eng\n* target language(s): deu\n")
    assert "Prensa publishes in pt, es, en" in refused("add", str(release))
    assert not installed()


def test_a_model_that_does_not_name_its_pair_asks_for_one(built, tmp_path):
    folder = copy(built["ct2 pt-es"], tmp_path / "mystery")
    (folder / "README.md").unlink()
    assert "add --pair" in refused("add", str(folder))
    engines("add", str(folder), "--pair", "pt-es")
    assert set(installed()) == {("pt", "es")}


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda f: (f / "model.bin").unlink(), "incomplete or corrupt: model.bin missing"),
        (lambda f: (f / "target.spm").unlink(), "incomplete or corrupt: target.spm missing"),
        (
            lambda f: (f / "model.bin").write_bytes((f / "model.bin").read_bytes()[:4000]),
            "is corrupt: CTranslate2 cannot load it",
        ),
        (lambda f: (f / "model.bin").write_bytes(b""), "empty or cut short"),
        (lambda f: (f / "config.json").write_text("{"), "cannot be read"),
    ],
)
def test_a_corrupt_model_folder_is_refused_with_what_is_wrong(built, tmp_path, damage, expected):
    folder = copy(built["ct2 pt-es"], tmp_path / "pt-es")
    damage(folder)
    assert expected in refused("add", str(folder))
    assert not installed()


def test_a_file_that_is_not_a_package_is_refused(tmp_path):
    bogus = tmp_path / "translate-en_pt.argosmodel"
    bogus.write_text("not a zip")
    assert "neither a model folder nor an Argos package" in refused("add", str(bogus))
    empty = tmp_path / "empty.argosmodel"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    assert "one folder with a metadata.json; this one has 0" in refused("add", str(empty))
    assert "does not exist" in refused("add", str(tmp_path / "nowhere"))
    assert not installed()


def test_a_model_made_by_a_newer_ctranslate2_is_refused(built, tmp_path):
    folder = copy(built["ct2 pt-es"], tmp_path / "pt-es")
    model = bytearray((folder / "model.bin").read_bytes())
    model[0] = 99  # the binary format version in the header
    (folder / "model.bin").write_bytes(bytes(model))

    message = refused("add", str(folder))

    assert "converted with a newer CTranslate2 than the one installed here" in message
    assert "this model is v99" in message and "Upgrade ctranslate2" in message
    assert not installed()


def test_a_model_past_the_memory_limit_is_refused(built, settings):
    settings.PRENSA_MT_MEMORY_LIMIT = 0.01  # megabytes: less than the tiny model's file
    message = refused("add", str(built["argos en-es"]))
    assert message.startswith("Not enough memory: this model needs about")
    assert "PRENSA_MT_MEMORY_LIMIT=0.01 MB" in message
    assert not installed()


def test_a_second_model_for_a_pair_needs_replace(built):
    engines("add", str(built["argos en-es"]))
    assert "already installed for en-es" in refused("add", str(built["argos en-es"]))
    engines("add", str(built["argos en-es"]), "--replace")
    assert set(installed()) == {("en", "es")}


# ------------------------------------------------------------ choosing the engine


def test_an_installed_model_becomes_its_pairs_first_engine_with_apertium_second(built):
    assert "neural" not in [e.name for e in engines_for("en", "pt")]
    engines("add", str(built["argos en-pt"]))
    assert [e.name for e in engines_for("en", "pt")] == ["neural", "apertium"]
    assert [e.name for e in engines_for("en", "es")] == ["apertium"]  # no model, no route


def test_a_row_for_the_pair_in_settings_overrides_the_installed_model(built, settings):
    engines("add", str(built["argos en-pt"]))
    settings.PRENSA_MT_ENGINES = {"en-pt": ["apertium"], "*": ["apertium"]}
    assert [e.name for e in engines_for("en", "pt")] == ["apertium"]
    settings.PRENSA_MT_ENGINES = {"en-pt": ["apertium", "neural"]}
    assert [e.name for e in engines_for("en", "pt")] == ["apertium", "neural"]


def test_without_a_model_the_neural_engine_says_how_to_add_one(settings):
    with pytest.raises(EngineNotConfigured, match="prensa engines add PATH"):
        build_engine("neural")


def test_threads_and_beam_come_from_settings(built, settings):
    engines("add", str(built["argos en-pt"]))
    settings.PRENSA_MT_THREADS = 2
    settings.PRENSA_MT_BEAM_SIZE = 1
    engine = build_engine("neural")
    assert (engine.threads, engine.beam_size) == (2, 1)


def test_a_missing_direct_model_pivots_through_the_third_language(built):
    engines("add", str(built["argos en-es"]))
    engines("add", str(built["argos es-pt"]))
    engine = build_engine("neural")

    assert [m.pair for m in engine.route("en", "pt")] == ["en-es", "es-pt"]
    assert engine.supports("en", "pt") and not engine.supports("pt", "en")
    assert [e.name for e in engines_for("en", "pt")] == ["neural", "apertium"]
    out = engine.translate(["The council met on Tuesday."], "en", "pt")
    # The pivot is the two models in sequence, not a model of its own.
    spanish = engine.translate(["The council met on Tuesday."], "en", "es")
    assert out == engine.translate(spanish, "es", "pt")


# ------------------------------------------------------------ loading and batching


def test_a_model_is_loaded_once_per_process(built):
    engines("add", str(built["argos en-pt"]))
    neural._loaded.clear()
    build_engine("neural").translate(["It rained."], "en", "pt")
    first = dict(neural._loaded)
    build_engine("neural").translate(["It rained again."], "en", "pt")
    assert len(first) == 1 and neural._loaded == first  # the same translator object


def test_sentences_are_translated_in_batches_with_the_same_result_as_one_by_one(built):
    engines("add", str(built["argos en-pt"]))
    engine = build_engine("neural")
    engine.beam_size = 1
    sentences = [
        f"The council met {n} times in the square." for n in range(NeuralEngine.batch_size * 2 + 5)
    ]

    together = engine.translate(sentences, "en", "pt")

    assert len(together) == len(sentences) and all(t.strip() for t in together)
    assert together[:3] == [engine.translate([s], "en", "pt")[0] for s in sentences[:3]]


# ------------------------------------------------------------ kept spans


def test_kept_pieces_travel_as_placeholders_and_come_back():
    segment = Segment(
        ("Talks with ", Keep("Nour Al-Din Al-Zenki"), " ended in ", Keep("1982"), ".")
    )
    text, kept = encode(segment)
    assert "Nour" not in text and "1982" not in text
    (a, _name), (b, _year) = kept
    model_output = f"As conversas com {a} terminaram em {b}."
    assert (
        restore(model_output, kept) == "As conversas com Nour Al-Din Al-Zenki terminaram em 1982."
    )
    assert restore(f"As conversas com {a} terminaram.", kept) is None  # a lost placeholder
    assert restore(f"{a} {a} {b}", kept) is None  # a repeated one


def test_a_lost_placeholder_never_drops_text_silently(built):
    """The tiny model loses every placeholder: the kept name is then written out for the
    model, and the fidelity checks report that it did not come through."""
    engines("add", str(built["argos en-pt"]))
    glossary = Glossary([Term("Nour Al-Din Al-Zenki", do_not_translate=True)])
    pipeline = Pipeline(glossary=glossary)

    translation = pipeline.translate_blocks(
        ["Nour Al-Din Al-Zenki said the talks ended."], "en", "pt"
    )

    (block,) = translation.blocks
    assert block.segments[0].origin == "neural"
    assert not any(0xE000 <= ord(c) < 0xF000 for c in block.text)  # no placeholder leaks
    assert "Nour Al-Din Al-Zenki" in block.names
    name_found = "Nour Al-Din Al-Zenki" in block.text
    flagged = [i for i in translation.report.paragraphs[0].issues if i.check == "names"]
    assert name_found or (flagged and "Nour Al-Din Al-Zenki" in flagged[0].missing)


# ------------------------------------------------------------ the layers around the engine


def test_memory_glossary_and_fidelity_work_the_same_over_the_neural_engine(built):
    engines("add", str(built["argos en-pt"]))
    memory = InMemoryMemory()
    memory.add("Water returned on Tuesday.", "A água voltou na terça-feira.", "en", "pt")
    glossary = Glossary([Term("Red Crescent", "Crescente Vermelho", source="en", target="pt")])
    pipeline = Pipeline(memory=memory, glossary=glossary)

    translation = pipeline.translate_blocks(
        [
            "Water returned on Tuesday.",
            "The Red Crescent counted 250,000 people in 1982.",
        ],
        "en",
        "pt",
    )

    remembered, drafted = translation.blocks
    assert remembered.text == "A água voltou na terça-feira."
    assert remembered.segments[0].origin == "memory"
    assert drafted.segments[0].origin == "neural" and translation.engine == "neural"
    assert drafted.terms == ("Crescente Vermelho",)
    checks = {issue.check for issue in translation.report.paragraphs[1].issues}
    # Nonsense output: the checks notice what did not come through, as for any engine.
    if "250.000" not in drafted.text:
        assert "numbers" in checks
    if "Crescente Vermelho" not in drafted.text:
        assert "glossary" in checks


def test_staleness_tracks_neural_drafts_paragraph_by_paragraph(built):
    engines("add", str(built["argos en-pt"]))
    sources = ["It rained all day.", "The council met on Tuesday."]
    drafted = Pipeline(check=False).translate_blocks(sources, "en", "pt")
    aligned = [
        refresh(AlignedSegment("", source, state=State.MISSING), block.text)
        for source, block in zip(sources, drafted.blocks, strict=True)
    ]
    after = realign(aligned, [sources[0], "The council met on Wednesday."])
    assert [s.state for s in after] == [State.MACHINE, State.STALE]


# ------------------------------------------------------------ the desk


@pytest.fixture
def story(db):
    from tests.desk.conftest import EN_BODY
    from tests.factories import make_section, make_story

    story = make_story(section=make_section("World", "Mundo", "Mundo"), languages=("en",))
    source = story.edition_for("en")
    source.headline, source.standfirst, source.body = "Water returns", "", EN_BODY
    source.save()
    return story


def test_the_desk_drafts_with_the_installed_model_and_tracks_staleness(built, story):
    from prensa.desk.actions import DraftEdition
    from prensa.desk.models import Segment as Row

    engines("add", str(built["argos en-pt"]))
    edition = DraftEdition(story, "pt").execute()
    rows = list(Row.objects.filter(edition=edition).order_by("position"))
    assert {row.state for row in rows} == {"machine"}
    assert all(row.machine_text for row in rows if row.source_text)

    source = story.edition_for("en")
    source.body = source.body.replace("Tuesday", "Monday")
    source.save()
    states = [row.state for row in Row.objects.filter(edition=edition).order_by("position")]
    assert states.count("stale") == 1


def test_an_engine_crash_during_a_draft_leaves_the_paragraph_missing_with_the_error_shown(
    built, story, models, settings, django_capture_on_commit_callbacks
):
    from prensa.desk import states
    from prensa.desk.models import DraftJob
    from prensa.desk.models import Segment as Row
    from prensa.desk.tasks import enqueue_draft
    from tests.desk.conftest import run_worker

    engines("add", str(built["argos en-pt"]))
    settings.PRENSA_MT_ENGINES = {"en-pt": ["neural"]}  # no Apertium to fall back on
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_draft(story, "pt")
    run_worker()
    edition = story.edition_for("pt")
    before = edition.body

    source = story.edition_for("en")
    source.body += "\n\nAid convoys are expected on Friday."
    source.save()
    (models / "en-pt" / "model" / "model.bin").write_bytes(b"\x06\x00\x00\x00broken")
    neural._loaded.clear()  # a new worker process, which must load the model again
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_draft(story, "pt")
    run_worker()

    job.refresh_from_db()
    assert job.status == DraftJob.Status.FAILED
    assert "the installed en-pt model cannot be loaded" in job.error
    rows = list(Row.objects.filter(edition=edition).order_by("position"))
    assert rows[-1].state == "missing" and not rows[-1].machine_text
    edition.refresh_from_db()
    assert edition.body == before  # nothing half-written
    assert states.cell_for(story, "pt").state == "failed"


# ------------------------------------------------------------ settings


def test_the_models_folder_defaults_to_var_in_the_project(settings, monkeypatch):
    from prensa.translation import conf

    settings.PRENSA_MT_MODELS_DIR = None
    monkeypatch.delenv("PRENSA_MT_MODELS_DIR", raising=False)
    assert conf.mt_models_dir() == Path(settings.BASE_DIR).parent / "var" / "mt-models"


def test_threads_and_memory_limit_that_are_not_numbers_are_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    from prensa.translation import conf

    settings.PRENSA_MT_THREADS = "many"
    with pytest.raises(ImproperlyConfigured, match="PRENSA_MT_THREADS"):
        conf.mt_threads()
    settings.PRENSA_MT_MEMORY_LIMIT = "lots"
    with pytest.raises(ImproperlyConfigured, match="megabytes"):
        conf.mt_memory_limit()
