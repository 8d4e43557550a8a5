"""Concordance search in the translation memory, and editing and deleting its entries."""

import pytest
from django.test import Client
from django.urls import reverse

from prensa.staff.models import LanguageAssignment
from prensa.translation.memory import DatabaseMemory
from prensa.translation.models import TranslationMemoryEntry
from prensa.translation.segmenting import segment_hash
from tests.desk.conftest import _user

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(db):
    """A translator trusted with the memory itself (of the languages assigned to them)."""
    user = _user(
        "keeper",
        staff=True,
        perms=(
            "desk.view_segment",
            "translation.change_translationmemoryentry",
            "translation.delete_translationmemoryentry",
        ),
    )
    for language in ("pt", "es", "en"):
        LanguageAssignment.objects.create(user=user, language=language)
    return user


def entry(source, target, pair=("en", "pt")):
    DatabaseMemory().add(source, target, *pair)
    return TranslationMemoryEntry.objects.get(
        source_language=pair[0], target_language=pair[1], source_hash=segment_hash(source)
    )


def search(client, **params):
    return client.get(reverse("desk:memory"), params)


def test_concordance_finds_entries_by_words_on_either_side(client, translator):
    entry("The ferry returned on Tuesday.", "A balsa voltou na terça-feira.")
    entry("Prices rose in March.", "Os preços subiram em março.")
    client.force_login(translator)

    by_source = search(client, q="ferry").content.decode()
    by_target = search(client, q="preços").content.decode()

    assert "A balsa voltou" in by_source and "Os preços" not in by_source
    assert "Prices rose" in by_target and "The ferry" not in by_target


def test_concordance_can_look_on_one_side_only(client, translator):
    entry("The balsa festival opened.", "O festival da balsa abriu.")
    entry("The ferry returned.", "A balsa voltou.")
    client.force_login(translator)

    page = search(client, q="balsa", side="source").content.decode()

    assert "festival opened" in page and "ferry returned" not in page


def test_concordance_is_per_language_pair(client, translator):
    entry("The ferry returned.", "A balsa voltou.")
    entry("The ferry returned.", "El ferri volvió.", ("en", "es"))
    client.force_login(translator)

    page = search(client, q="ferry", pair="en-es").content.decode()

    assert "El ferri volvió" in page and "A balsa voltou" not in page


def test_matches_are_highlighted_and_the_text_around_them_is_escaped(client, translator):
    entry("<script>alert(1)</script> The Ferry returned.", "A balsa <b>voltou</b>.")
    client.force_login(translator)

    page = search(client, q="ferry voltou").content.decode()

    assert "<mark>Ferry</mark>" in page
    assert "&lt;b&gt;<mark>voltou</mark>&lt;/b&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_a_search_word_with_markup_cannot_inject_html(client, translator):
    entry("Use <i> tags.", "Use etiquetas <i>.")
    client.force_login(translator)

    page = search(client, q="<i>").content.decode()

    assert "<mark>&lt;i&gt;</mark>" in page
    assert "<i>" not in page.split("<main", 1)[1]


def test_concordance_results_are_paginated(client, translator):
    for n in range(30):
        entry(f"Ferry number {n} returned.", f"A balsa número {n} voltou.")
    client.force_login(translator)

    first = search(client, q="ferry")
    second = search(client, q="ferry", page=2)

    assert len(first.context["rows"]) == 25 and len(second.context["rows"]) == 5
    assert "page=2" in first.content.decode() and "q=ferry" in first.content.decode()


def test_editing_an_entry_rehashes_it_so_the_memory_answers_for_the_new_sentence(client, keeper):
    old = entry("The ferry returned on Tuesday.", "A balsa voltou na terça-feira.")
    client.force_login(keeper)

    response = client.post(
        reverse("desk:memory_edit", args=[old.pk]),
        {
            "source_text": "The ferry returned on Wednesday.",
            "target_text": "A balsa voltou na quarta-feira.",
            "next": reverse("desk:memory") + "?q=ferry",
        },
    )

    assert response.status_code == 302 and response.url == reverse("desk:memory") + "?q=ferry"
    memory = DatabaseMemory(fuzzy=False)
    new, gone = memory.lookup(
        ["The ferry returned on Wednesday.", "The ferry returned on Tuesday."], "en", "pt"
    )
    assert new.exact.target_text == "A balsa voltou na quarta-feira."
    assert gone.exact is None


def test_an_edit_that_would_duplicate_another_entrys_sentence_is_refused(client, keeper):
    entry("The ferry returned.", "A balsa voltou.")
    other = entry("The boat returned.", "O barco voltou.")
    client.force_login(keeper)

    response = client.post(
        reverse("desk:memory_edit", args=[other.pk]),
        {"source_text": "The ferry  returned.", "target_text": "O barco voltou."},
    )

    assert response.status_code == 400
    assert "already holds this source sentence" in response.content.decode()
    other.refresh_from_db()
    assert other.source_text == "The boat returned."


def test_an_edit_that_leaves_the_source_empty_is_refused(client, keeper):
    old = entry("The ferry returned.", "A balsa voltou.")
    client.force_login(keeper)

    response = client.post(
        reverse("desk:memory_edit", args=[old.pk]), {"source_text": "  ", "target_text": "x"}
    )

    assert response.status_code == 400
    old.refresh_from_db()
    assert old.target_text == "A balsa voltou."


def test_deleting_asks_for_confirmation_first(client, keeper):
    old = entry("The ferry returned.", "A balsa voltou.")
    client.force_login(keeper)

    page = client.get(reverse("desk:memory_delete", args=[old.pk]))

    assert page.status_code == 200 and "Delete this memory entry?" in page.content.decode()
    assert TranslationMemoryEntry.objects.filter(pk=old.pk).exists()
    client.post(reverse("desk:memory_delete", args=[old.pk]))
    assert not TranslationMemoryEntry.objects.filter(pk=old.pk).exists()


def test_a_delete_without_the_csrf_token_is_refused(keeper):
    old = entry("The ferry returned.", "A balsa voltou.")
    client = Client(enforce_csrf_checks=True)
    client.force_login(keeper)

    response = client.post(reverse("desk:memory_delete", args=[old.pk]))

    assert response.status_code == 403
    assert TranslationMemoryEntry.objects.filter(pk=old.pk).exists()


def test_a_redirect_after_deleting_stays_on_this_site(client, keeper):
    old = entry("The ferry returned.", "A balsa voltou.")
    client.force_login(keeper)

    response = client.post(
        reverse("desk:memory_delete", args=[old.pk]), {"next": "https://elsewhere.example/"}
    )

    assert response.url == reverse("desk:memory")


def test_a_translator_without_memory_permissions_can_search_but_not_change(client, translator):
    old = entry("The ferry returned.", "A balsa voltou.")
    client.force_login(translator)

    assert search(client, q="ferry").status_code == 200
    assert "memory_edit" not in search(client).content.decode()
    assert client.get(reverse("desk:memory_edit", args=[old.pk])).status_code == 403
    assert client.post(reverse("desk:memory_delete", args=[old.pk])).status_code == 403
    assert TranslationMemoryEntry.objects.filter(pk=old.pk).exists()


def test_the_memory_pages_are_closed_to_people_off_the_desk(client, reporter, outsider):
    old = entry("The ferry returned.", "A balsa voltou.")
    assert search(client).status_code == 302
    for person in (reporter, outsider):
        client.force_login(person)
        assert search(client).status_code == 403
        assert client.post(reverse("desk:memory_delete", args=[old.pk])).status_code == 403
    assert TranslationMemoryEntry.objects.filter(pk=old.pk).exists()


def test_an_entry_that_does_not_exist_is_a_404(client, editor):
    client.force_login(editor)

    assert client.get(reverse("desk:memory_edit", args=[999])).status_code == 404


def test_the_desk_index_links_to_the_translation_memory(client, translator):
    client.force_login(translator)

    page = client.get(reverse("desk:index")).content.decode()

    assert f'href="{reverse("desk:memory")}"' in page


def test_concordance_ignores_case_in_accented_words_too(client, translator):
    entry("Prices rose in March.", "Os preços subiram em março.")
    client.force_login(translator)

    page = search(client, q="MARÇO").content.decode()

    assert "<mark>março</mark>" in page
