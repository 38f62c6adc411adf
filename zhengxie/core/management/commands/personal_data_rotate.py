"""manage.py personal_data_rotate: re-encrypt every encrypted field of every app (members' phone and ID card
numbers, accounts' phones, the phones of constituents' concerns and of places' contacts) with the current key (the first
of PERSONAL_DATA_KEYS) and recompute the look-up hashes. Run it after putting a new key first; once it reports
nothing left under an old key, the old key can be removed."""

from django.core.management.base import BaseCommand
from django.db import transaction

from zhengxie.core.crypto import encrypted_models, needs_rotation
from zhengxie.core.services import audit_log


class Command(BaseCommand):
    help = "Re-encrypt personal data with the current key and recompute the look-up hashes."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch=500, **options):
        totals = {}
        for model, fields, digests in encrypted_models():  # every EncryptedCharField of every app
            done = 0
            last_pk = 0
            while True:
                with transaction.atomic():
                    rows = list(model.objects.select_for_update().filter(pk__gt=last_pk).order_by("pk")[:batch])
                    if not rows:
                        break
                    last_pk = rows[-1].pk
                    raw = self._raw_values(model, fields, [r.pk for r in rows])
                    stale = [r for r in rows if any(needs_rotation(raw[r.pk][f] or "") for f in fields)]
                    # saving writes every field again with the current key (and the hashes with the current one)
                    for row in stale:
                        row.save(update_fields=[*fields, *digests])
                    done += len(stale)
            totals[model._meta.label] = done
            self.stdout.write(f"{model._meta.label}: {done} rows re-encrypted.")
        audit_log(actor=None, organisation=None, action="core.personal_data.rotated", changes=totals)

    @staticmethod
    def _raw_values(model, fields, pks):
        from django.db import connection

        quote = connection.ops.quote_name
        columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
        with connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(pks))
            sql = f"SELECT id, {columns} FROM {quote(model._meta.db_table)} WHERE id IN ({placeholders})"  # noqa: S608
            cursor.execute(sql, pks)
            return {row[0]: dict(zip(fields, row[1:], strict=True)) for row in cursor.fetchall()}
