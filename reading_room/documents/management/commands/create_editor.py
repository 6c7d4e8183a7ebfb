"""python manage.py create_editor USERNAME [--email E]: a staff account in the Editor group."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reading_room.documents.roles import ensure_editor_group


class Command(BaseCommand):
    help = (
        "Create (or promote) an editor: staff access to the admin, in the Editor group. "
        "The password is asked for, or read from EDITOR_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created:
            password = os.environ.get("EDITOR_PASSWORD") or getpass.getpass(f"Password for {username}: ")
            try:
                validate_password(password, user)
            except ValidationError as exc:
                user.delete()
                raise CommandError(" ".join(exc.messages)) from exc
            user.set_password(password)
        user.is_staff = True
        user.save()
        user.groups.add(ensure_editor_group())
        verb = "Created" if created else "Promoted"
        self.stdout.write(f"{verb} editor {username}.")
