"""An edition's XLIFF out and back, and the memory's TMX: all or nothing."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from translate.storage.tmx import tmxfile
from translate.storage.xliff2 import Xliff2File

from prensa.desk.actions import ActionError, DraftEdition, SaveSegment, text_version
from prensa.desk.exchange import (
    ExportEdition,
    ExportMemory,
    ImportEdition,
    ImportMemory,
    ImportRefused,
)
from prensa.desk.models import SegmentState
from prensa.newsroom.models import Edition
from prensa.translation.memory import DatabaseMemory
from prensa.translation.models import TranslationMemoryEntry
from tests.desk.conftest import rows, source_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(english_story):
    return DraftEdition(english_story, "pt").execute()


def translated_by_a_cat_tool(data: bytes, texts: dict[int, str]) -> bytes:
    """What an outside translator sends back: the same file with new targets."""
    store = Xliff2File.parsestring(data)
    for unit in store.units:
        position = int(unit.getid().split("-")[1])
        if position in texts:
            unit.target = texts[position]
    return bytes(store)


def test_an_xliff_round_trip_through_translate_toolkit_gives_back_the_same_segments(
    draft, translator
):
    before = [(row.source_text, row.text) for row in rows(draft)]
    data = ExportEdition(draft, translator).execute()

    store = Xliff2File.parsestring(data)
    assert [(u.source, u.target) for u in store.units] == before
    assert ImportEdition(draft, bytes(store), translator).execute() == 0
    assert [(row.source_text, row.text) for row in rows(draft)] == before


def test_each_unit_id_names_the_segment_and_the_source_it_carries(draft, translator):
    ids = [
        u.getid() for u in Xliff2File.parsestring(ExportEdition(draft, translator).execute()).units
    ]

    assert ids[0].startswith("headline-0-") and ids[1].startswith("standfirst-1-")
    assert all(re.fullmatch(r"body-\d+-[0-9a-f]{16}-[0-9a-f]{16}", i) for i in ids[2:])
    assert len(ids) == len(rows(draft))


def test_imported_translations_enter_as_a_persons_edit_not_as_confirmed(draft, translator):
    text = "ALEPO, Síria — A água voltou à cidade de Tell Ruman na terça-feira."
    data = translated_by_a_cat_tool(ExportEdition(draft, translator).execute(), {2: text})

    assert ImportEdition(draft, data, translator).execute() == 1

    row = rows(draft)[2]
    assert row.human_text == text
    assert row.state == SegmentState.EDITED  # edited, not confirmed
    assert row.reviewed_by is None
    assert text in Edition.objects.get(pk=draft.pk).body
    assert not TranslationMemoryEntry.objects.exists()  # nothing confirmed, nothing remembered


def test_a_file_with_the_wrong_languages_is_refused_and_nothing_is_imported(draft, translator):
    data = translated_by_a_cat_tool(ExportEdition(draft, translator).execute(), {2: "Outro texto."})
    data = data.replace(b'trgLang="pt"', b'trgLang="es"')

    with pytest.raises(ImportRefused) as refused:
        ImportEdition(draft, data, translator).execute()

    assert any("target language is “es”" in p for p in refused.value.problems)
    assert rows(draft)[2].human_text is None


def test_a_missing_segment_refuses_the_whole_file(draft, translator):
    exported = ExportEdition(draft, translator).execute()
    store = Xliff2File.parsestring(
        translated_by_a_cat_tool(exported, {2: "Texto novo do parágrafo."})
    )
    last = store.units[-1].getunitelement()
    last.getparent().remove(last)

    with pytest.raises(ImportRefused) as refused:
        ImportEdition(draft, bytes(store), translator).execute()

    assert refused.value.problems == ["Segments missing from the file: Paragraph 5."]
    assert rows(draft)[2].human_text is None


def test_an_extra_segment_refuses_the_whole_file(draft, translator):
    store = Xliff2File.parsestring(
        translated_by_a_cat_tool(ExportEdition(draft, translator).execute(), {2: "Texto novo."})
    )
    extra = store.addsourceunit("A paragraph the story never had.")
    extra.setid("body-9-0000000000000000-0000000000000000")
    extra.target = "Um parágrafo que a matéria nunca teve."

    with pytest.raises(ImportRefused) as refused:
        ImportEdition(draft, bytes(store), translator).execute()

    assert refused.value.problems == [
        "Unit “body-9-0000000000000000-0000000000000000” is not a segment of this edition; "
        "remove it."
    ]
    assert rows(draft)[2].human_text is None


def test_a_source_that_changed_since_export_is_refused_per_segment(
    draft, translator, english_story
):
    data = translated_by_a_cat_tool(
        ExportEdition(draft, translator).execute(), {2: "Texto um.", 3: "Texto dois."}
    )
    source = source_of(english_story)
    source.body = source.body.replace("More than 250,000", "Nearly 300,000")
    source.save()
    DraftEdition(english_story, "pt").execute()  # realigns: paragraph 2 is re-drafted

    with pytest.raises(ImportRefused) as refused:
        ImportEdition(draft, data, translator).execute()

    assert refused.value.problems == [
        "Paragraph 2: the source changed since this file was exported. Export the edition "
        "again and carry the translation over."
    ]
    assert [row.human_text for row in rows(draft)[2:4]] == [None, None]  # not even paragraph 1


def test_a_translation_changed_on_the_desk_since_export_is_not_overwritten(draft, translator):
    exported = ExportEdition(draft, translator).execute()
    row = rows(draft)[2]
    SaveSegment(row, "Texto escrito na mesa.", translator, text_version(row)).execute()
    data = translated_by_a_cat_tool(exported, {2: "Texto de fora."})

    with pytest.raises(ImportRefused, match="refused") as refused:
        ImportEdition(draft, data, translator).execute()

    assert "changed this translation on the desk" in refused.value.problems[0]
    assert rows(draft)[2].human_text == "Texto escrito na mesa."


def test_an_edited_source_text_in_the_file_is_refused(draft, translator):
    data = ExportEdition(draft, translator).execute()
    store = Xliff2File.parsestring(data)
    store.units[3].source = "Someone rewrote the source."
    store.units[3].target = "Alguém reescreveu."

    with pytest.raises(ImportRefused) as refused:
        ImportEdition(draft, bytes(store), translator).execute()

    assert "source text in the file was edited" in refused.value.problems[0]


def test_an_import_is_refused_to_staff_without_desk_change_permission(draft, reporter, translator):
    data = ExportEdition(draft, translator).execute()

    with pytest.raises(ActionError) as refused:
        ImportEdition(draft, data, reporter).execute()

    assert refused.value.status == 403


# --- the pages ---------------------------------------------------------------------------


def test_the_desk_downloads_an_editions_xliff(client, draft, translator):
    client.force_login(translator)
    url = reverse("desk:xliff", args=[draft.story_id, "pt"])

    response = client.get(url, {"export": "1"})

    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="story-{draft.story_id}-en-pt.xlf"'
    )
    assert len(Xliff2File.parsestring(response.content).units) == len(rows(draft))


def test_uploading_a_translated_xliff_saves_it_and_goes_back_to_review(client, draft, translator):
    client.force_login(translator)
    data = translated_by_a_cat_tool(
        ExportEdition(draft, translator).execute(), {0: "A água volta a Tell Ruman"}
    )

    response = client.post(
        reverse("desk:xliff_import", args=[draft.story_id, "pt"]),
        {"file": SimpleUploadedFile("story.xlf", data)},
    )

    assert response.url == reverse("desk:review", args=[draft.story_id, "pt"])
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes == [
        "1 segment took the file's text. It counts as edited, not confirmed: confirm it here."
    ]
    assert rows(draft)[0].human_text == "A água volta a Tell Ruman"


def test_a_refused_upload_lists_every_problem_on_the_page(client, draft, translator):
    client.force_login(translator)

    response = client.post(
        reverse("desk:xliff_import", args=[draft.story_id, "pt"]),
        {"file": SimpleUploadedFile("story.xlf", b"<xliff><file")},
    )

    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()
    assert "not well-formed XML" in response.content.decode()


def test_xliff_pages_are_for_desk_staff_only(client, draft, reporter, outsider):
    url = reverse("desk:xliff", args=[draft.story_id, "pt"])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(reporter)
    assert client.get(url, {"export": "1"}).status_code == 403


# --- the memory as TMX -------------------------------------------------------------------


def remember(source, target, pair=("en", "pt")):
    DatabaseMemory().add(source, target, *pair)


def test_a_tmx_round_trip_through_translate_toolkit_gives_back_the_same_memory(editor):
    remember("The ferry returned on Tuesday.", "A balsa voltou na terça-feira.")
    remember("Fares rose by 3.5%.", "Las tarifas subieron un 3,5 %.", ("en", "es"))
    remember("Choveu 120 mm.", "It rained 120 mm.", ("pt", "en"))
    before = sorted(
        (*row[:-1], row[-1].replace(microsecond=0))  # TMX dates are to the second
        for row in TranslationMemoryEntry.objects.values_list(
            "source_language",
            "target_language",
            "source_hash",
            "source_text",
            "target_text",
            "approved_at",
        )
    )
    store = tmxfile.parsestring(ExportMemory(user=editor).execute())
    TranslationMemoryEntry.objects.all().delete()

    assert ImportMemory(bytes(store), editor).execute() == (3, 0)
    after = sorted(
        TranslationMemoryEntry.objects.values_list(
            "source_language",
            "target_language",
            "source_hash",
            "source_text",
            "target_text",
            "approved_at",
        )
    )
    assert after == before


def test_a_tmx_export_can_be_limited_to_one_pair(editor):
    remember("The ferry returned.", "A balsa voltou.")
    remember("The ferry returned.", "El ferri volvió.", ("en", "es"))

    store = tmxfile.parsestring(ExportMemory("en", "es", editor).execute())

    assert [unit.gettarget("es") for unit in store.units] == ["El ferri volvió."]


def test_an_imported_unit_replaces_the_memorys_entry_for_the_same_sentence(editor):
    remember("The ferry returned.", "A balsa voltou.")
    data = ExportMemory(user=editor).execute().replace(b"A balsa voltou.", b"O barco voltou.")

    assert ImportMemory(data, editor).execute() == (0, 1)
    (recall,) = DatabaseMemory().lookup(["The ferry  returned."], "en", "pt")
    assert recall.exact.target_text == "O barco voltou."


def test_a_tmx_with_one_unit_in_french_is_refused_whole(editor):
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="en"><seg>Good morning.</seg></tuv><tuv xml:lang="pt"><seg>Bom dia.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Good night.</seg></tuv><tuv xml:lang="fr-FR"><seg>Bonne nuit.</seg></tuv></tu>
</body></tmx>"""

    with pytest.raises(ImportRefused) as refused:
        ImportMemory(data, editor).execute()

    assert refused.value.problems == [
        "Unit 2: the language “fr-FR” is not one Prensa publishes (pt, es, en)."
    ]
    assert not TranslationMemoryEntry.objects.exists()


def test_importing_tmx_needs_the_memorys_own_permissions(translator):
    remember("Hello.", "Olá.")
    data = ExportMemory(user=translator).execute()

    with pytest.raises(ActionError) as refused:
        ImportMemory(data, translator).execute()

    assert refused.value.status == 403


def test_the_tmx_page_imports_a_file_and_shows_the_counts(client, editor):
    remember("Hello.", "Olá.")
    data = ExportMemory(user=editor).execute()
    TranslationMemoryEntry.objects.all().delete()
    client.force_login(editor)

    response = client.post(
        reverse("desk:tmx"), {"file": SimpleUploadedFile("m.tmx", data)}, follow=True
    )

    assert "New entries: 1; replaced: 0." in response.content.decode()
    assert TranslationMemoryEntry.objects.get().target_text == "Olá."


def test_the_tmx_page_downloads_one_pair(client, editor):
    remember("Hello.", "Olá.")
    client.force_login(editor)

    response = client.get(reverse("desk:tmx"), {"export": "1", "pair": "en-pt"})

    assert response["Content-Disposition"] == 'attachment; filename="prensa-memory-en-pt.tmx"'
    assert tmxfile.parsestring(response.content).units[0].gettarget("pt") == "Olá."


def test_a_refused_tmx_upload_keeps_the_memory_and_says_why(client, editor):
    remember("Hello.", "Olá.")
    client.force_login(editor)
    bomb = b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv><tuv xml:lang="pt"><seg>x</seg></tuv></tu></body></tmx>"""

    response = client.post(reverse("desk:tmx"), {"file": SimpleUploadedFile("m.tmx", bomb)})

    assert response.status_code == 400
    assert "declares XML entities" in response.content.decode()
    assert TranslationMemoryEntry.objects.count() == 1


# --- the command line --------------------------------------------------------------------


def test_the_command_line_exports_and_imports_an_xliff(draft, tmp_path, capsys):
    path = tmp_path / "story.xlf"
    call_command("xliff", "export", str(draft.story_id), "--to", "pt", "--output", str(path))
    path.write_bytes(translated_by_a_cat_tool(path.read_bytes(), {1: "Famílias voltam."}))

    call_command("xliff", "import", str(draft.story_id), str(path), "--to", "pt")

    assert rows(draft)[1].human_text == "Famílias voltam."
    assert "1 segment" in capsys.readouterr().out


def test_the_command_line_refuses_a_bad_xliff_listing_the_problems(draft, tmp_path):
    path = tmp_path / "story.xlf"
    call_command("xliff", "export", str(draft.story_id), "--to", "pt", "--output", str(path))
    path.write_bytes(path.read_bytes().replace(b'srcLang="en"', b'srcLang="es"'))

    with pytest.raises(CommandError, match="source language is “es”"):
        call_command("xliff", "import", str(draft.story_id), str(path), "--to", "pt")


def test_the_command_line_exports_and_imports_the_memory(db, tmp_path, capsys):
    remember("Hello.", "Olá.")
    path = tmp_path / "memory.tmx"
    call_command("tmx", "export", "--pair", "en-pt", "--output", str(path))
    TranslationMemoryEntry.objects.all().delete()

    call_command("tmx", "import", str(path))

    assert TranslationMemoryEntry.objects.get().target_text == "Olá."
    assert "1 added, 0 replaced" in capsys.readouterr().out


def test_the_tmx_page_refuses_an_import_to_a_translator_without_memory_permissions(
    client, translator
):
    remember("Hello.", "Olá.")
    data = ExportMemory(user=translator).execute().replace(b"Ol\xc3\xa1.", b"Oi.")
    client.force_login(translator)

    response = client.post(reverse("desk:tmx"), {"file": SimpleUploadedFile("m.tmx", data)})

    assert response.status_code == 403
    assert TranslationMemoryEntry.objects.get().target_text == "Olá."


def test_an_upload_larger_than_the_bound_is_refused_unread(client, editor):
    from prensa.translation import exchange

    client.force_login(editor)
    big = b"<tmx>" + b" " * exchange.MAX_FILE_BYTES + b"</tmx>"

    response = client.post(reverse("desk:tmx"), {"file": SimpleUploadedFile("m.tmx", big)})

    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()


def test_the_command_line_writes_the_tmx_to_standard_output_by_default(db, capsys):
    remember("Hello.", "Olá.")

    call_command("tmx", "export")

    assert tmxfile.parsestring(capsys.readouterr().out.encode()).units[0].gettarget("pt") == "Olá."


def test_the_review_page_links_to_the_editions_xliff(client, draft, translator):
    client.force_login(translator)

    page = client.get(reverse("desk:review", args=[draft.story_id, "pt"])).content.decode()

    assert f'href="{reverse("desk:xliff", args=[draft.story_id, "pt"])}"' in page
