"""TMX and XLIFF 2 files, read and written through translate-toolkit."""

from datetime import UTC, datetime

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile
from translate.storage.xliff2 import Xliff2File

from prensa.translation.exchange import (
    ExchangeError,
    MemoryUnit,
    XliffDocument,
    XliffUnit,
    read_tmx,
    read_xliff,
    write_tmx,
    write_xliff,
)

LANGUAGES = ("pt", "es", "en")
UNITS = [
    MemoryUnit(
        "en",
        "pt",
        "The ferry to Ilha da Pintada returned on Tuesday.",
        "A balsa para a Ilha da Pintada voltou na terça-feira.",
        datetime(2025, 3, 4, 10, 30, tzinfo=UTC),
    ),
    MemoryUnit(
        "en", "es", "Fares rose by 3.5% & <more>.", "Las tarifas subieron un 3,5 % y <más>."
    ),
    MemoryUnit("pt", "en", "Choveu 120 mm em Encantado.", "It rained 120 mm in Encantado."),
]
DOCUMENT = XliffDocument(
    source_language="en",
    target_language="pt",
    file_id="prensa-story-7-pt",
    units=(
        XliffUnit("headline-0-aaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb", "Ferry returns", "A balsa volta"),
        XliffUnit(
            "body-2-cccccccccccccccc-dddddddddddddddd",
            "- first line\n- second line with *emphasis* & <tags>",
            "- primeira linha\n- segunda linha com *ênfase* & <tags>",
        ),
        XliffUnit("body-3-eeeeeeeeeeeeeeee-ffffffffffffffff", "Not drafted yet.", None),
    ),
)


def test_a_tmx_round_trip_gives_back_the_same_memory():
    reading = read_tmx(write_tmx(UNITS), LANGUAGES)

    assert reading.problems == []
    assert reading.units == UNITS


def test_the_tmx_file_is_read_by_translate_toolkit_with_each_units_languages():
    store = tmxfile.parsestring(write_tmx(UNITS))

    assert [unit.xmlelement.get("srclang") for unit in store.units] == ["en", "en", "pt"]
    assert store.units[1].gettarget("es") == "Las tarifas subieron un 3,5 % y <más>."
    assert store.units[0].xmlelement.get("changedate") == "20250304T103000Z"


def test_a_tmx_from_another_tool_with_regional_tags_and_all_sources_is_read():
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="*all*" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>
<body><tu><tuv xml:lang="pt-BR"><seg>Bom dia.</seg></tuv><tuv xml:lang="ES-es"><seg>Buenos dias.</seg></tuv></tu></body></tmx>"""

    reading = read_tmx(data, LANGUAGES)

    assert sorted((u.source_language, u.target_language) for u in reading.units) == [
        ("es", "pt"),
        ("pt", "es"),
    ]


def test_a_tmx_unit_in_a_language_prensa_does_not_publish_is_refused_with_its_number():
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="en"><seg>Good morning.</seg></tuv><tuv xml:lang="pt"><seg>Bom dia.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Good night.</seg></tuv><tuv xml:lang="fr"><seg>Bonne nuit.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Alone.</seg></tuv></tu>
</body></tmx>"""

    reading = read_tmx(data, LANGUAGES)

    assert len(reading.units) == 1
    assert [p.unit for p in reading.problems] == ["Unit 2", "Unit 3"]
    assert "“fr” is not one Prensa publishes" in reading.problems[0].message
    assert "at least two languages" in reading.problems[1].message


def test_an_xliff_round_trip_gives_back_the_same_units():
    data = write_xliff(DOCUMENT)

    assert read_xliff(data) == DOCUMENT


def test_translate_toolkit_reads_the_xliff_units_ids_sources_and_targets():
    store = Xliff2File.parsestring(write_xliff(DOCUMENT))

    assert (store.sourcelanguage, store.targetlanguage) == ("en", "pt")
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        (unit.id, unit.source, unit.target) for unit in DOCUMENT.units
    ]


def test_the_xliff_puts_xml_space_where_the_xliff_2_schema_allows_it():
    root = etree.fromstring(write_xliff(DOCUMENT))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    space = "{http://www.w3.org/XML/1998/namespace}space"

    assert root.get("version") == "2.0"
    assert all(space not in s.attrib for s in root.iterfind(".//x:segment", ns))
    assert all(u.get(space) == "preserve" for u in root.iterfind(".//x:unit", ns))
    assert root.find("x:file", ns).get("canResegment") == "no"


def test_a_unit_a_cat_tool_split_into_two_segments_comes_back_whole():
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en-US" trgLang="pt-BR">
 <file id="f"><unit id="body-2-x">
  <segment id="s1"><source>First sentence.</source><target>Primeira frase.</target></segment>
  <ignorable><source> </source></ignorable>
  <segment id="s2"><source>Second one.</source><target>Segunda.</target></segment>
 </unit></file></xliff>"""

    (unit,) = read_xliff(data).units

    assert (unit.source, unit.target) == ("First sentence. Second one.", "Primeira frase. Segunda.")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<xliff version='2.0' srcLang='en'><file id='x'><unit", "not well-formed"),
        (b"", "empty"),
        (
            b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u"><segment><source>&lol2;</source></segment></unit></file></xliff>""",
            "entities",
        ),
        (
            b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u"><segment><source>&xxe;</source></segment></unit></file></xliff>""",
            "entities",
        ),
        (
            b"""<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" source-language="en" datatype="plaintext"><body/></file></xliff>""",
            "XLIFF",
        ),
        (
            b"""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"><file id="f"><unit id="u"><segment><source>a</source></segment></unit><unit id="u"><segment><source>b</source></segment></unit></file></xliff>""",
            "more than once",
        ),
    ],
    ids=["malformed", "empty", "entity-bomb", "external-entity", "xliff-1.2", "duplicate-ids"],
)
def test_an_unreadable_or_unsafe_xliff_is_refused_with_a_reason(data, message):
    with pytest.raises(ExchangeError, match=message):
        read_xliff(data)


def test_a_tmx_bomb_is_refused_before_any_entity_is_expanded():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&c;</seg></tuv><tuv xml:lang="pt"><seg>x</seg></tuv></tu></body></tmx>"""

    with pytest.raises(ExchangeError, match="entities"):
        read_tmx(bomb, LANGUAGES)


def test_a_file_that_is_not_tmx_is_refused():
    with pytest.raises(ExchangeError, match="TMX"):
        read_tmx(write_xliff(DOCUMENT), LANGUAGES)
