from django.core.management.base import BaseCommand
from django.db import connection, transaction

from reading_room.search.models import SearchEntry
from reading_room.search.rebuild import statements


class Command(BaseCommand):
    help = "Refill the search index from the documents tables (after loading data with its triggers off)."

    def handle(self, *args, **options):
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements(connection.vendor):
                cursor.execute(statement)
        self.stdout.write(f"{SearchEntry.objects.count()} index rows.")
