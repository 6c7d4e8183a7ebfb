from django.core.management.base import BaseCommand

from reading_room.documents.crossrefs import record_references
from reading_room.documents.models import Document


class Command(BaseCommand):
    help = "Detect again, in every document, the references to other UN documents (for “cited by” lists)."

    def handle(self, *args, **options):
        documents = references = 0
        for document in Document.objects.order_by("symbol"):
            references += record_references(document)
            documents += 1
        self.stdout.write(f"{references} references in {documents} documents.")
