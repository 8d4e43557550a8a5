from prensa.translation.engines import Keep
from prensa.translation.glossary import Glossary, Term
from prensa.translation.protect import ProtectionPolicy, Protector


def kept(protected):
    return [p.text for p in protected.segment.pieces if isinstance(p, Keep)]


def test_it_rewrites_numbers_inline_for_the_target_locale():
    (protected,) = Protector("en", "pt").protect(["More than 250,000 people paid 3.5% more."])

    assert protected.segment.text == "More than 250.000 people paid 3,5% more."
    assert kept(protected) == []


def test_it_can_hide_numbers_from_the_engine_instead():
    policy = ProtectionPolicy(numbers="keep")

    (protected,) = Protector("en", "es", policy=policy).protect(["Some 250,000 fled in 1982."])

    assert kept(protected) == ["250.000", "1982"]


def test_it_leaves_numbers_alone_between_spanish_and_portuguese():
    (protected,) = Protector("es", "pt").protect(["Más de 250.000 personas."])

    assert protected.segment.text == "Más de 250.000 personas."


def test_it_protects_urls_emails_handles_and_hashtags():
    text = "See https://example.org/a?b=1, write to desk@example.org or @prensa #Syria."

    (protected,) = Protector("en", "es").protect([text])

    assert kept(protected) == [
        "https://example.org/a?b=1",
        "desk@example.org",
        "@prensa",
        "#Syria",
    ]


def test_it_protects_markdown_markup_but_not_the_words_inside():
    (protected,) = Protector("en", "es").protect(["A **bold** [link](https://x.org) and `code`."])

    assert kept(protected) == ["**", "**", "[", "](https://x.org)", "`code`"]


def test_glossary_terms_come_out_as_their_rendering_and_names_as_written():
    glossary = Glossary(
        [
            Term("Middle East", "Oriente Médio", source="en", target="pt"),
            Term("Middle East", "Oriente Medio", source="en", target="es"),
            Term("Reuters", do_not_translate=True),
        ]
    )

    (pt,) = Protector("en", "pt", glossary=glossary).protect(["Reuters covers the Middle East."])
    (es,) = Protector("en", "es", glossary=glossary).protect(["Reuters covers the Middle East."])

    assert kept(pt) == ["Reuters", "Oriente Médio"]
    assert kept(es) == ["Reuters", "Oriente Medio"]
    assert pt.names == ("Reuters",) and pt.terms == ("Oriente Médio",)


def test_glossary_matches_whole_words_only():
    glossary = Glossary([Term("Gaza", "Gaza", do_not_translate=True)])

    (protected,) = Protector("en", "es", glossary=glossary).protect(["The Gazan border."])

    assert kept(protected) == []


def test_it_protects_a_name_apertium_would_mangle_but_not_one_it_renders(apertium):
    protector = Protector("en", "es", engine=apertium)

    zenki, usa = protector.protect(
        ["Fighters from Nour Al-Din Al-Zenki said so.", "The United States said so."]
    )

    assert kept(zenki) == ["Nour Al-Din Al-Zenki"]
    assert kept(usa) == []


def test_protecting_every_name_is_a_policy_choice(apertium):
    protector = Protector("en", "es", engine=apertium, policy=ProtectionPolicy(names="all"))

    (usa,) = protector.protect(["Officials of the United States said so."])

    assert kept(usa) == ["United States"]


def test_engines_that_cannot_tell_what_they_know_get_glossary_protection_only():
    from .doubles import EchoEngine

    (protected,) = Protector("en", "es", engine=EchoEngine()).protect(
        ["Nour Al-Din Al-Zenki said."]
    )

    assert kept(protected) == []


def test_a_glossary_file_in_toml(tmp_path):
    path = tmp_path / "glossary.toml"
    path.write_text(
        'keep = ["Nour Al-Din Al-Zenki"]\n\n[terms.en-pt]\n"Middle East" = "Oriente Médio"\n\n'
        '[terms."*-es"]\n"Middle East" = "Oriente Medio"\n',
        encoding="utf-8",
    )

    glossary = Glossary.from_toml(path)

    assert [m.rendering for m in glossary.find("Middle East", "en", "pt")] == ["Oriente Médio"]
    assert [m.rendering for m in glossary.find("Middle East", "pt", "es")] == ["Oriente Medio"]
    assert glossary.find("Nour Al-Din Al-Zenki", "es", "en")[0].term.do_not_translate


def test_it_rewrites_romance_ordinals_for_english_only():
    (to_en,) = Protector("pt", "en").protect(["Terminou em 11º, a 5ª vez."])
    (to_es,) = Protector("pt", "es").protect(["Terminou em 11º, a 5ª vez."])
    (from_en,) = Protector("en", "es").protect(["The 16th century."])

    assert to_en.segment.text == "Terminou em 11th, a 5th vez."
    assert to_es.segment.text == "Terminou em 11º, a 5ª vez."
    assert from_en.segment.text == "The 16th century."  # Apertium writes "siglo XVI" itself
