"""The database's full-text index on the segmented words: PostgreSQL GIN, or SQLite FTS5 with triggers."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(words, content='search_searchentry', content_rowid='id', tokenize='unicode61')",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
         INSERT INTO search_fts(rowid, words) VALUES (new.id, new.words); END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
         INSERT INTO search_fts(search_fts, rowid, words) VALUES ('delete', old.id, old.words); END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
         INSERT INTO search_fts(search_fts, rowid, words) VALUES ('delete', old.id, old.words);
         INSERT INTO search_fts(rowid, words) VALUES (new.id, new.words); END""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS search_fts_insert", "DROP TRIGGER IF EXISTS search_fts_delete",
               "DROP TRIGGER IF EXISTS search_fts_update", "DROP TABLE IF EXISTS search_fts"]
POSTGRES = ["CREATE INDEX search_words_gin ON search_searchentry USING gin (to_tsvector('simple', words))"]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_words_gin"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(run({"sqlite": SQLITE, "postgresql": POSTGRES}),
                             run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})),
    ]
