"""Create the demo data: ``manage.py seed_demo [--scale county|city|province|national] [--if-empty]``."""

import importlib
import random
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from zhengxie.core.demo import SCALES, DemoContext
from zhengxie.core.models import Organisation
from zhengxie.core.registry import demo_generators


def load_generators():
    for config in apps.get_app_configs():
        if config.name.startswith("zhengxie.") and module_has_submodule(config.module, "demo"):
            importlib.import_module(f"{config.name}.demo")
    return demo_generators()


class Command(BaseCommand):
    help = "Load realistic demo data (the Gansu committees) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="province")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when organisations exist")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--accounts", action="store_true", help="print the demo accounts as a table")

    def handle(self, *args, scale, if_empty, seed, accounts, **options):
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("Demo data already loaded.")
                if accounts:
                    from zhengxie.core.demo_accounts import print_accounts

                    print_accounts(self.stdout)
                return
            raise CommandError("The database already has organisations: seed_demo fills an empty database only.")
        ctx = DemoContext(scale=scale, rng=random.Random(seed), now=timezone.now(), stdout=self.stdout)
        started = time.monotonic()
        for _order, name, generator in load_generators():
            step = time.monotonic()
            with transaction.atomic():
                generator(ctx)
            self.stdout.write(f"  {name}: {time.monotonic() - step:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"Demo data ({scale}) loaded in {time.monotonic() - started:.1f} s."))
        if accounts:
            from zhengxie.core.demo_accounts import print_accounts

            print_accounts(self.stdout)
