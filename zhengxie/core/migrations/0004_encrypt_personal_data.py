"""Phone numbers and ID card numbers encrypted at rest (core.crypto), with keyed hashes beside them for look-ups;
the rows there are already are encrypted here (and decrypted again if the migration is reversed)."""

from django.db import migrations

import zhengxie.core.crypto
import zhengxie.core.models.accounts

COLUMNS = {"core_person": ("core.person", ["phone", "id_number"]), "core_user": ("core.user", ["phone"])}


def _rows(schema_editor, table, columns):
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)}")
        return cursor.fetchall()


def encrypt_existing(apps, schema_editor):
    from zhengxie.core.crypto import encrypt, is_encrypted, lookup_digest

    quote = schema_editor.connection.ops.quote_name
    for table, (label, columns) in COLUMNS.items():
        for row_id, *values in _rows(schema_editor, table, columns):
            sets, params = [], []
            for column, value in zip(columns, values, strict=True):
                if value and not is_encrypted(value):
                    sets += [f"{quote(column)} = %s", f"{quote(column + '_digest')} = %s"]
                    params += [encrypt(value, column=f"{label}.{column}"), lookup_digest(column, value)]
            if sets:
                with schema_editor.connection.cursor() as cursor:
                    cursor.execute(f"UPDATE {quote(table)} SET {', '.join(sets)} WHERE id = %s", [*params, row_id])


def decrypt_existing(apps, schema_editor):
    from zhengxie.core.crypto import decrypt, is_encrypted

    quote = schema_editor.connection.ops.quote_name
    for table, (label, columns) in COLUMNS.items():
        for row_id, *values in _rows(schema_editor, table, columns):
            sets, params = [], []
            for column, value in zip(columns, values, strict=True):
                if value and is_encrypted(value):
                    sets.append(f"{quote(column)} = %s")
                    params.append(decrypt(value, column=f"{label}.{column}"))
            if sets:
                with schema_editor.connection.cursor() as cursor:
                    cursor.execute(f"UPDATE {quote(table)} SET {', '.join(sets)} WHERE id = %s", [*params, row_id])


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_audit_chain'),
    ]

    operations = [
        migrations.AlterModelManagers(
            name='user',
            managers=[
                ('objects', zhengxie.core.models.accounts.AccountManager()),
            ],
        ),
        migrations.AddField(
            model_name='person',
            name='id_number_digest',
            field=zhengxie.core.crypto.LookupDigestField(db_index=True, kind='id_number', source='id_number'),
        ),
        migrations.AddField(
            model_name='person',
            name='phone_digest',
            field=zhengxie.core.crypto.LookupDigestField(db_index=True, kind='phone', source='phone'),
        ),
        migrations.AddField(
            model_name='user',
            name='phone_digest',
            field=zhengxie.core.crypto.LookupDigestField(kind='phone', null=True, source='phone', unique=True),
        ),
        migrations.AlterField(
            model_name='person',
            name='id_number',
            field=zhengxie.core.crypto.EncryptedCharField(blank=True, max_length=200, plain_max_length=18, verbose_name='ID card number'),
        ),
        migrations.AlterField(
            model_name='person',
            name='phone',
            field=zhengxie.core.crypto.EncryptedCharField(blank=True, max_length=200, plain_max_length=20, verbose_name='mobile phone'),
        ),
        migrations.AlterField(
            model_name='user',
            name='phone',
            field=zhengxie.core.crypto.EncryptedCharField(blank=True, max_length=200, null=True, plain_max_length=20, verbose_name='mobile phone'),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
