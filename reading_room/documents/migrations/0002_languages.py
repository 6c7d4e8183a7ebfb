from django.db import migrations

LANGUAGES = [("en", "English", 1), ("fr", "Français", 2)]


def add_languages(apps, schema_editor):
    Language = apps.get_model("documents", "Language")
    for code, name, position in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(add_languages, migrations.RunPython.noop)]
