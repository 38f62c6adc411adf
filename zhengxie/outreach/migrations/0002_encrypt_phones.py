"""The phone numbers of constituents' concerns and of places' contacts encrypted at rest, like members' (core.crypto),
with keyed hashes beside them for look-ups; the rows there are already are encrypted here (and decrypted again if
the migration is reversed)."""

from django.db import migrations

import zhengxie.core.crypto

#: table -> (the model's label, {encrypted column: the kind of its hash})
COLUMNS = {"outreach_concern": ("outreach.concern", {"submitter_phone": "phone"}),
           "outreach_place": ("outreach.place", {"contact_phone": "phone"})}


def encrypt_existing(apps, schema_editor):
    for table, (label, columns) in COLUMNS.items():
        zhengxie.core.crypto.encrypt_existing_rows(schema_editor, table, label, columns)


def decrypt_existing(apps, schema_editor):
    for table, (label, columns) in COLUMNS.items():
        zhengxie.core.crypto.decrypt_existing_rows(schema_editor, table, label, columns)


class Migration(migrations.Migration):

    dependencies = [
        ('outreach', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='concern',
            name='submitter_phone_digest',
            field=zhengxie.core.crypto.LookupDigestField(db_index=True, kind='phone', source='submitter_phone'),
        ),
        migrations.AddField(
            model_name='place',
            name='contact_phone_digest',
            field=zhengxie.core.crypto.LookupDigestField(db_index=True, kind='phone', source='contact_phone'),
        ),
        migrations.AlterField(
            model_name='concern',
            name='submitter_phone',
            field=zhengxie.core.crypto.EncryptedCharField(max_length=200, plain_max_length=20, verbose_name='phone'),
        ),
        migrations.AlterField(
            model_name='place',
            name='contact_phone',
            field=zhengxie.core.crypto.EncryptedCharField(blank=True, max_length=200, plain_max_length=20, verbose_name='contact phone'),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
