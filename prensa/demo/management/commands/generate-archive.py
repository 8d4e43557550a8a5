"""`prensa generate-archive --stories 100000`: a large, realistic archive for measuring scale.

Each story gets three published editions (one the source, two reviewed translations),
a section, a few tags drawn with a long tail (a few tags on many stories, most on
few), a byline, publication times spread over years, and some approved comments.
The words are made up here from small per-language word lists: nothing is copied
from real articles. Rows go in with bulk_create in batches, so 100,000 stories take
minutes, not hours; search vectors (PostgreSQL) are computed at the end and the
page cache generation is bumped once.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from prensa.comments.models import Comment
from prensa.newsroom import search
from prensa.newsroom.models import (
    LANGUAGE_CODES,
    Credit,
    Edition,
    Section,
    Story,
    StoryCredit,
    Tag,
)
from prensa.public import caching

WORDS = {
    "pt": {
        "subjects": [
            "prefeitura",
            "câmara",
            "porto",
            "escola",
            "hospital",
            "cooperativa",
            "universidade",
            "federação",
            "tribunal",
            "governo",
            "bairro",
            "associação",
            "feira",
            "orquestra",
            "biblioteca",
        ],
        "verbs": [
            "anuncia",
            "aprova",
            "adia",
            "inaugura",
            "amplia",
            "revisa",
            "suspende",
            "retoma",
            "lança",
            "conclui",
            "investiga",
            "reabre",
            "reduz",
        ],
        "objects": [
            "plano",
            "obra",
            "tarifa",
            "linha",
            "projeto",
            "programa",
            "edital",
            "reforma",
            "rede",
            "calendário",
            "orçamento",
            "acordo",
            "serviço",
        ],
        "places": [
            "no",
            "centro",
            "na",
            "zona",
            "norte",
            "no",
            "litoral",
            "no",
            "interior",
            "na",
            "capital",
            "na",
            "região",
            "serrana",
        ],
        "filler": [
            "segundo",
            "a",
            "secretaria",
            "a",
            "medida",
            "deve",
            "entrar",
            "em",
            "vigor",
            "no",
            "próximo",
            "mês",
            "e",
            "atender",
            "milhares",
            "de",
            "moradores",
            "que",
            "dependem",
            "do",
            "serviço",
            "todos",
            "os",
            "dias",
            "disse",
            "a",
            "coordenadora",
            "em",
            "entrevista",
        ],
    },
    "es": {
        "subjects": [
            "ayuntamiento",
            "cámara",
            "puerto",
            "escuela",
            "hospital",
            "cooperativa",
            "universidad",
            "federación",
            "tribunal",
            "gobierno",
            "barrio",
            "asociación",
            "feria",
            "orquesta",
            "biblioteca",
        ],
        "verbs": [
            "anuncia",
            "aprueba",
            "aplaza",
            "inaugura",
            "amplía",
            "revisa",
            "suspende",
            "retoma",
            "lanza",
            "concluye",
            "investiga",
            "reabre",
            "reduce",
        ],
        "objects": [
            "plan",
            "obra",
            "tarifa",
            "línea",
            "proyecto",
            "programa",
            "convocatoria",
            "reforma",
            "red",
            "calendario",
            "presupuesto",
            "acuerdo",
            "servicio",
        ],
        "places": [
            "en",
            "el",
            "centro",
            "en",
            "la",
            "zona",
            "norte",
            "en",
            "la",
            "costa",
            "en",
            "el",
            "interior",
            "en",
            "la",
            "capital",
            "en",
            "la",
            "sierra",
        ],
        "filler": [
            "según",
            "la",
            "secretaría",
            "la",
            "medida",
            "entrará",
            "en",
            "vigor",
            "el",
            "próximo",
            "mes",
            "y",
            "atenderá",
            "a",
            "miles",
            "de",
            "vecinos",
            "que",
            "dependen",
            "del",
            "servicio",
            "cada",
            "día",
            "dijo",
            "la",
            "coordinadora",
            "en",
            "una",
            "entrevista",
        ],
    },
    "en": {
        "subjects": [
            "council",
            "chamber",
            "port",
            "school",
            "hospital",
            "cooperative",
            "university",
            "federation",
            "court",
            "government",
            "district",
            "association",
            "fair",
            "orchestra",
            "library",
        ],
        "verbs": [
            "announces",
            "approves",
            "delays",
            "opens",
            "expands",
            "reviews",
            "suspends",
            "resumes",
            "launches",
            "completes",
            "investigates",
            "reopens",
            "cuts",
        ],
        "objects": [
            "plan",
            "works",
            "fare",
            "line",
            "project",
            "programme",
            "tender",
            "reform",
            "network",
            "timetable",
            "budget",
            "agreement",
            "service",
        ],
        "places": [
            "downtown",
            "in the north",
            "on the coast",
            "inland",
            "in the capital",
            "in the hills",
        ],
        "filler": [
            "according",
            "to",
            "the",
            "department",
            "the",
            "measure",
            "should",
            "take",
            "effect",
            "next",
            "month",
            "and",
            "serve",
            "thousands",
            "of",
            "residents",
            "who",
            "rely",
            "on",
            "the",
            "service",
            "every",
            "day",
            "the",
            "coordinator",
            "said",
            "in",
            "an",
            "interview",
        ],
    },
}
SECTIONS = [
    ("City", "Cidade", "Ciudad"),
    ("Politics", "Política", "Política"),
    ("Economy", "Economia", "Economía"),
    ("Culture", "Cultura", "Cultura"),
    ("Sport", "Esporte", "Deporte"),
    ("Science", "Ciência", "Ciencia"),
    ("World", "Mundo", "Mundo"),
    ("Health", "Saúde", "Salud"),
]


class Command(BaseCommand):
    help = "Generate a large archive of made-up stories (3 editions each) to measure scale."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--stories", type=int, default=1000)
        parser.add_argument("--tags", type=int, default=400)
        parser.add_argument("--comments", type=float, default=0.3, help="per edition, average")
        parser.add_argument("--years", type=float, default=8.0, help="spread of publication")
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        count = options["stories"]
        if not 1 <= count <= 2_000_000:
            raise CommandError("--stories must be between 1 and 2,000,000.")
        rng = random.Random(options["seed"])
        started = time.monotonic()
        sections = self._sections()
        tags = self._tags(options["tags"])
        credits = self._credits()
        now = timezone.now().replace(microsecond=0)
        span = timedelta(days=365 * options["years"])
        first = (Story.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        made = 0
        while made < count:
            size = min(options["batch"], count - made)
            with transaction.atomic():
                self._batch(rng, size, first + made, sections, tags, credits, now, span, options)
            made += size
            self.stdout.write(f"{made} stories ({time.monotonic() - started:.0f} s)")
        for language in LANGUAGE_CODES:
            search.index(Edition.objects.filter(language=language), language)
        # Fresh statistics, so the query planner knows a language holds a third of the
        # editions and a tag a few (PostgreSQL's autovacuum would get there on its own).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        caching.content_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {count} stories, {3 * count} editions in "
                f"{time.monotonic() - started:.0f} s."
            )
        )

    def _sections(self) -> list[Section]:
        sections = []
        for position, (en, pt, es) in enumerate(SECTIONS):
            section, _ = Section.objects.get_or_create(
                slug_en=f"archive-{slugify(en)}",
                defaults={
                    "name_en": en,
                    "name_pt": pt,
                    "name_es": es,
                    "slug_pt": f"arquivo-{slugify(pt)}",
                    "slug_es": f"archivo-{slugify(es)}",
                    "position": 100 + position,
                },
            )
            sections.append(section)
        return sections

    def _tags(self, count: int) -> list[Tag]:
        existing = {t.slug_en: t for t in Tag.objects.filter(slug_en__startswith="archive-tag-")}
        new = [
            Tag(
                name_en=f"Topic {n}",
                name_pt=f"Tema {n}",
                name_es=f"Tema {n}",
                slug_en=f"archive-tag-{n}",
                slug_pt=f"arquivo-tema-{n}",
                slug_es=f"archivo-tema-{n}",
            )
            for n in range(1, count + 1)
            if f"archive-tag-{n}" not in existing
        ]
        Tag.objects.bulk_create(new)
        return list(Tag.objects.filter(slug_en__startswith="archive-tag-").order_by("pk"))

    def _credits(self) -> list[Credit]:
        names = ["Marta Quintela", "Tomás Arriaga", "Helena Brandão", "Iker Salvatierra"]
        return [Credit.objects.get_or_create(name=name)[0] for name in names]

    def _text(self, rng: random.Random, language: str, n: int) -> tuple[str, str, str]:
        words = WORDS[language]
        headline = (
            f"{rng.choice(words['subjects']).capitalize()} {rng.choice(words['verbs'])} "
            f"{rng.choice(words['objects'])} {rng.choice(words['places'])} ({n})"
        )
        standfirst = " ".join(rng.choices(words["filler"], k=18)).capitalize() + "."
        paragraphs = [
            " ".join(rng.choices(words["filler"], k=rng.randint(25, 45))).capitalize() + "."
            for _ in range(rng.randint(4, 9))
        ]
        return headline, standfirst, "\n\n".join(paragraphs)

    def _batch(self, rng, size, first, sections, tags, credits, now, span, options) -> None:  # type: ignore[no-untyped-def]
        stories = Story.objects.bulk_create(
            [
                Story(
                    section=rng.choice(sections),
                    source_language=rng.choice(LANGUAGE_CODES),
                    key=f"archive-{first + i}",
                    created_at=now - span * rng.random(),
                )
                for i in range(size)
            ]
        )
        stories = list(Story.objects.filter(key__in=[s.key for s in stories]).order_by("pk"))
        editions, links, credited = [], [], []
        for story in stories:
            n = int(story.key.rsplit("-", 1)[1])
            when = story.created_at + timedelta(minutes=rng.randint(5, 600))
            for language in LANGUAGE_CODES:
                headline, standfirst, body = self._text(rng, language, n)
                source = language == story.source_language
                editions.append(
                    Edition(
                        story=story,
                        section_id=story.section_id,
                        language=language,
                        headline=headline,
                        standfirst=standfirst,
                        body=body,
                        slug=f"{slugify(headline)[:100]}-{n}",
                        status=Edition.Status.PUBLISHED,
                        published_at=when,
                        modified_at=when,
                        origin=Edition.Origin.ORIGINAL if source else Edition.Origin.REVIEWED,
                    )
                )
            # A long tail: low-numbered tags are common, most tags are rare.
            chosen = {tags[min(int(rng.paretovariate(1.2)) - 1, len(tags) - 1)] for _ in range(3)}
            links += [Story.tags.through(story_id=story.pk, tag_id=tag.pk) for tag in chosen]
            credited.append(StoryCredit(story=story, credit=rng.choice(credits), position=0))
        Edition.objects.bulk_create(editions)
        Story.tags.through.objects.bulk_create(links)
        StoryCredit.objects.bulk_create(credited)
        saved = Edition.objects.filter(story__in=stories).only("pk", "published_at")
        comments = []
        for edition in saved:
            for _ in range(int(rng.expovariate(1 / options["comments"]))):
                comments.append(
                    Comment(
                        edition=edition,
                        name=rng.choice(["Ana", "Luis", "Joana", "Pedro", "Sam"]),
                        body="Obrigado pela reportagem.",
                        created_at=edition.published_at + timedelta(hours=rng.randint(1, 48)),
                        state=Comment.State.PUBLISHED,
                        needs_review=False,
                        approved=True,
                    )
                )
        Comment.objects.bulk_create(comments)
