"""Full-text search on SQLite: an FTS5 index of the editions, kept in step by triggers.

PostgreSQL has its weighted tsvector and GIN index (0002); on SQLite, searching with
LIKE read every edition (1.5 s at 100,000 stories). FTS5's unicode61 tokenizer with
remove_diacritics folds case and accents the way readers type.
"""

from django.db import migrations

TABLE = "newsroom_edition_fts"

CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "headline, standfirst, body, content='newsroom_edition', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON newsroom_edition BEGIN "
    f"INSERT INTO {TABLE}(rowid, headline, standfirst, body) "
    "VALUES (new.id, new.headline, new.standfirst, new.body); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON newsroom_edition BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, headline, standfirst, body) "
    "VALUES ('delete', old.id, old.headline, old.standfirst, old.body); END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF headline, standfirst, body "
    f"ON newsroom_edition BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, headline, standfirst, body) "
    "VALUES ('delete', old.id, old.headline, old.standfirst, old.body); "
    f"INSERT INTO {TABLE}(rowid, headline, standfirst, body) "
    "VALUES (new.id, new.headline, new.standfirst, new.body); END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def create_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_corrections"),
    ]

    operations = [migrations.RunPython(create_on_sqlite, drop_on_sqlite)]
