"""Load States and their official UN short names from the bundled CSV files."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.db import transaction

from .models import State, StateName

DATA = Path(__file__).resolve().parent / "data"
_ARTICLE = re.compile(r"\s*\((?:the|la|le|l['’]|les)\)\s*$")


def _clean(name: str, language: str) -> str:
    name = _ARTICLE.sub("", name.strip())
    return name.replace("'", "’") if language == "fr" else name


def official_names() -> dict[str, dict[str, str]]:
    """iso3 → {"en": name, "fr": name}: UNTERM short names, M49 names where UNTERM is empty."""
    m49: dict[str, dict[str, str]] = {}
    for language in ("en", "fr"):
        with open(DATA / f"unsd-m49-{language}.csv", encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                m49.setdefault(row["ISO-alpha3 Code"], {})[language] = row["Country or Area"]
    names: dict[str, dict[str, str]] = {}
    with open(DATA / "country-codes.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            iso3 = row["ISO3166-1-Alpha-3"].strip()
            en, fr = row["UNTERM English Short"].strip(), row["UNTERM French Short"].strip()
            member = bool(en) or row["is_independent"].strip() == "Yes"
            if not iso3 or not member:
                continue
            en = en or m49.get(iso3, {}).get("en", "")
            fr = fr or m49.get(iso3, {}).get("fr", "")
            if en and fr:
                names[iso3] = {"en": _clean(en, "en"), "fr": _clean(fr, "fr")}
    return names


@transaction.atomic
def load_states() -> int:
    """Create or update every State and its names (bulk: it runs before every first import)."""
    names = official_names()
    State.objects.bulk_create([State(iso3=iso3) for iso3 in names], ignore_conflicts=True)
    states = {s.iso3: s for s in State.objects.all()}
    existing = {(n.state_id, n.language_id): n for n in StateName.objects.all()}
    create, update = [], []
    for iso3, by_language in names.items():
        for code, name in by_language.items():
            row = existing.get((states[iso3].pk, code))
            if row is None:
                create.append(StateName(state=states[iso3], language_id=code, name=name))
            elif row.name != name:
                row.name = name
                update.append(row)
    StateName.objects.bulk_create(create)
    StateName.objects.bulk_update(update, ["name"])
    return len(states)
