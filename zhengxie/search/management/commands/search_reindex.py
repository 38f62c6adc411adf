from django.core.management.base import BaseCommand

from zhengxie.search.services import reindex


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every searchable model."

    def handle(self, *args, **options):
        total = reindex(stdout=self.stdout)
        self.stdout.write(f"{total} entries indexed.")
