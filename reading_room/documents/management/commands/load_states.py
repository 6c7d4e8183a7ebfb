from django.core.management.base import BaseCommand

from reading_room.documents.states import load_states


class Command(BaseCommand):
    help = "Load States and their official UN short names (English, French) from the bundled data."

    def handle(self, *args, **options):
        self.stdout.write(f"{load_states()} States loaded.")
