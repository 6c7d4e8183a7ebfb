"""A comparison (comparison.py) as the page shows it: rows, summary tables, footnotes, sponsors."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reading_room.documents.models import Language

from .comparison import PARTS, STATUSES

STATUS_LABELS = {
    "unchanged": gettext_lazy("Unchanged"),
    "changed": gettext_lazy("Changed"),
    "added": gettext_lazy("Added"),
    "removed": gettext_lazy("Removed"),
    "moved": gettext_lazy("Moved"),
}
PART_LABELS = {
    "preamble": gettext_lazy("Preamble"),
    "operative": gettext_lazy("Operative part"),
    "annex": gettext_lazy("Annex"),
}


def languages(codes: list[str]) -> list[Language]:
    found = {lang.code: lang for lang in Language.objects.filter(code__in=codes)}
    return [found.get(code) or Language(code=code, name=code) for code in codes]


def page(data: dict, shown: list[Language], only_changes: bool) -> dict:
    codes = [lang.code for lang in shown]
    names = {lang.code: lang.name for lang in shown}
    rows = _rows(data["paragraphs"], shown, names)
    _number_changes(rows)
    return {
        "rows": [r for r in rows if r["change"] or not only_changes],
        "changes": [r for r in rows if r["change"]],
        "summaries": [_summary(rows, lang) for lang in shown],
        "footnotes": _footnotes(data["footnotes"], shown),
        "sponsors": _sponsors(data["sponsors"], codes[0]),
        "status_labels": [STATUS_LABELS[s] for s in STATUSES],
        "only_changes": only_changes,
        "hidden": sum(1 for r in rows if not r["change"]) if only_changes else 0,
    }


def _rows(entries: list[dict], shown: list[Language], names: dict[str, str]) -> list[dict]:
    rows: list[dict] = []
    codes = [lang.code for lang in shown]
    for entry in entries:
        statuses = [entry["status"][code] for code in codes]
        if entry["merged"] and rows and rows[-1]["merged"] and rows[-1]["to"] == entry["to"]:
            row = rows[-1]  # a merge is one row: the new paragraph, a piece per old one
            row["from"].append(entry["from"])
            for cell, code in zip(row["cells"], codes, strict=True):
                cell["pieces"].append({"label": entry["from"], "ops": entry["diff"][code]})
            continue
        status = next((s for s in statuses if s != "unchanged"), "unchanged")
        changed_in = [names[c] for c, s in zip(codes, statuses, strict=True) if s != "unchanged"]
        row = {
            "id": f"to-{entry['to']}" if entry["to"] else f"from-{entry['from']}",
            "from": [entry["from"]] if entry["from"] else [],
            "to": entry["to"],
            "part": entry["part"],
            "kind": entry["kind"],
            "status": status,
            "label": STATUS_LABELS[status],
            "split": entry["split"],
            "merged": entry["merged"],
            "moved": entry["moved"],
            "lag": changed_in if 0 < len(changed_in) < len(codes) else [],
            "change": status != "unchanged",
            "cells": [
                {
                    "language": lang,
                    "status": entry["status"][lang.code],
                    "pieces": [{"label": entry["from"] if entry["merged"] else "", "ops": entry["diff"][lang.code]}],
                }
                for lang in shown
            ],
        }
        rows.append(row)
    for row in rows:
        row["note"] = _note(row)
    return rows


def _note(row: dict) -> str:
    """What happened, in words: the status says how, this says to what."""
    before, after = row["from"], row["to"]
    if row["split"]:
        return _("%(old)s was split into %(new)s") % {"old": before[0], "new": _and(row["split"])}
    if row["merged"]:
        return _("%(old)s were merged into %(new)s") % {"old": _and(before), "new": after}
    if row["moved"]:
        return _("moved: was %(old)s") % {"old": before[0]} if before[0] != after else _("moved, same number")
    if before and after and before[0] != after:
        return _("was %(old)s") % {"old": before[0]}
    return ""


def _and(items: list[str]) -> str:
    return (
        items[0]
        if len(items) == 1
        else _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}
    )


def _number_changes(rows: list[dict]) -> None:
    """Each change knows its number and its neighbours, for the jump links."""
    changes = [r for r in rows if r["change"]]
    for index, row in enumerate(changes):
        row["change"] = index + 1
        row["previous"] = changes[index - 1]["id"] if index else ""
        row["next"] = changes[index + 1]["id"] if index + 1 < len(changes) else ""
    for row in rows:
        row.setdefault("previous", "")
        row.setdefault("next", "")


def _summary(rows: list[dict], lang: Language) -> dict:
    """Counts per part and status in one language, each linked to its first paragraph."""
    table: dict[str, dict[str, dict]] = {}
    for row in rows:
        status = next(c["status"] for c in row["cells"] if c["language"].code == lang.code)
        weight = len(row["from"]) if row["merged"] else 1  # a merge is one row, a pair per old paragraph
        cell = table.setdefault(row["part"], {s: {"count": 0, "first": ""} for s in STATUSES})[status]
        cell["count"] += weight
        cell["first"] = cell["first"] or row["id"]
    parts = [
        {"name": PART_LABELS[part], "cells": [table[part][s] for s in STATUSES]} for part in PARTS if part in table
    ]
    totals = [sum(table[part][s]["count"] for part in table) for s in STATUSES]
    return {"language": lang, "parts": parts, "totals": totals}


def _footnotes(entries: list[dict], shown: list[Language]) -> dict:
    """The footnotes that changed, per language, and how many did not."""
    columns = []
    for lang in shown:
        changed = [
            {
                "from": e["from"],
                "to": e["to"],
                "status": e["status"][lang.code],
                "label": STATUS_LABELS[e["status"][lang.code]],
                "ops": e["diff"][lang.code],
            }
            for e in entries
            if e["status"][lang.code] != "unchanged"
        ]
        renumbered = sum(1 for e in entries if e["status"][lang.code] == "unchanged" and e["from"] != e["to"])
        unchanged = sum(1 for e in entries if e["status"][lang.code] == "unchanged")
        columns.append({"language": lang, "changed": changed, "unchanged": unchanged, "renumbered": renumbered})
    return {"columns": columns, "any": any(c["changed"] for c in columns), "count": len(entries)}


def _sponsors(sponsors: dict, code: str) -> dict:
    def name(state: dict) -> str:
        return state["names"].get(code) or state["names"].get("en") or state["iso3"]

    return {
        "added": [name(s) for s in sponsors["added"]],
        "removed": [name(s) for s in sponsors["removed"]],
        "kept": sponsors["kept"],
        "language": code,
    }
