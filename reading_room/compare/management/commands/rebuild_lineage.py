"""Derive every document's lineage again (after an upgrade, or a bulk change made outside the app)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from reading_room.compare import lineage
from reading_room.compare.models import Lineage
from reading_room.documents.models import Document


class Command(BaseCommand):
    help = "Find every document's draft, revisions and earlier resolution again; editors' decisions are kept."

    def handle(self, *args, **options):
        changed = [d for d in Document.objects.order_by("pk").iterator() if lineage.record(d)]
        for document in changed:  # the cached pages that show its links
            lineage.touch(document)
        Document.objects.filter(pk__in=[d.pk for d in changed]).update(updated=timezone.now())
        total = Lineage.objects.exclude(status=Lineage.Status.REJECTED).count()
        self.stdout.write(f"{len(changed)} documents changed; {total} links in all.")
