"""The audit log becomes a hash chain: every entry gets its number, the hash of the one before and its own keyed
hash (core.audit_chain); the entries there are already are chained in the order they were written. The actor's
name is kept in the entry, and no foreign key can null or block anything (a deleted user's entries keep its id).
On PostgreSQL a trigger refuses UPDATE and DELETE on the table (archiving alone may delete, see
core.audit_chain._purge_through)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TRIGGER = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('zhengxie.audit_archive', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % refused on core_auditentry', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""
UNTRIGGER = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""


def chain_existing(apps, schema_editor):
    from zhengxie.core.audit_chain import GENESIS, HASHED_FIELDS, entry_hash

    AuditEntry = apps.get_model("core", "AuditEntry")
    User = apps.get_model("core", "User")
    names = dict(User.objects.filter(pk__in=AuditEntry.objects.values("actor_id")).values_list("pk", "username"))
    previous = GENESIS
    for seq, entry in enumerate(AuditEntry.objects.order_by("id").iterator(chunk_size=2000), start=1):
        entry.seq, entry.prev_hash = seq, previous
        entry.actor_name = names.get(entry.actor_id, "")
        entry.hash = entry_hash({name: getattr(entry, name) for name in HASHED_FIELDS})
        AuditEntry.objects.filter(pk=entry.pk).update(seq=seq, prev_hash=previous, hash=entry.hash,
                                                      actor_name=entry.actor_name)
        previous = entry.hash


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)  # the SQL has its own % (RAISE): no placeholders


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNTRIGGER, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0002_cache_table'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditentry',
            name='actor_name',
            field=models.CharField(blank=True, max_length=150, verbose_name='user'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='hash',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='prev_hash',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='seq',
            field=models.PositiveBigIntegerField(editable=False, null=True, unique=True, verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='object_type',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype'),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.organisation'),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
