"""PostgreSQL: the words' vector stored in the row (a generated column), the entries' ids in blocks of 4,096 (a
generated column too), and one GIN index on the organisation, the block and the words (``btree_gin`` indexes the
first two), so that a search reads an organisation's newest blocks first and only their matches
(``search.selectors._match_ids``); it replaces the index on the expression of 0002. ``btree_gin`` comes with
PostgreSQL and is a trusted extension: the database's owner may create it. SQLite keeps its FTS5 table."""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, words)) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN bucket integer GENERATED ALWAYS AS (id / 4096) STORED",
    "CREATE INDEX search_words_blocks ON search_searchentry USING gin (organisation_id, bucket, vector)",
    "CREATE INDEX search_org_newest ON search_searchentry (organisation_id, id)",
    "DROP INDEX IF EXISTS search_words_gin",
]
POSTGRES_DROP = [
    "CREATE INDEX IF NOT EXISTS search_words_gin ON search_searchentry USING gin (to_tsvector('simple', words))",
    "DROP INDEX IF EXISTS search_org_newest",
    "DROP INDEX IF EXISTS search_words_blocks",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS bucket",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0004_unitsuccession")]

    operations = [migrations.RunPython(run(POSTGRES), run(POSTGRES_DROP))]
