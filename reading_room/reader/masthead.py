"""A document's masthead as each language prints it, made from the document's fields.

"Seventy-ninth session" / "Soixante-dix-neuvième session", "Agenda item 125 (s)" / "Point 125 s)
de l’ordre du jour", "…: draft resolution" / "… : projet de résolution". These are the text's words,
not the interface's: they follow the column's language whatever language the interface speaks,
so they are tables here rather than gettext messages. A language without a table (none yet) is
given the English wording.
"""

from __future__ import annotations

import datetime
import re

from reading_room.parsing.patterns import MONTHS

from .number_words import ordinal


def long_date(day: datetime.date | None, language: str) -> str:
    """28 August 2025 / 28 août 2025, 1er septembre 2025."""
    if day is None:
        return ""
    months = MONTHS.get(language) or MONTHS["en"]
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {months[day.month - 1]} {day.year}"


_PHRASES = {
    "en": {
        "GA": "General Assembly",
        "SC": "Security Council",
        "ECOSOC": "Economic and Social Council",
        "distr": "Distr.: {}",
        "limited": "Limited",
        "general": "General",
        "restricted": "Restricted",
        "original": "Original: {}",
        "session": "{} session",
        "agenda": "Agenda item {}",
        "draft_resolution": "draft resolution",
        "draft_decision": "draft decision",
        "kind": "{names}:{star} {kind}",
        "adopted": "Resolution adopted by the {body} on {date}",
        "without_committee": "[without reference to a Main Committee ({})]",
        "on_report": "[on the report of a Main Committee ({})]",
        "meeting": "{} plenary meeting",
        "and": "and",
        "languages": {
            "en": "English",
            "fr": "French",
            "es": "Spanish",
            "ar": "Arabic",
            "zh": "Chinese",
            "ru": "Russian",
        },
    },
    "fr": {
        "GA": "Assemblée générale",
        "SC": "Conseil de sécurité",
        "ECOSOC": "Conseil économique et social",
        "distr": "Distr. {}",
        "limited": "limitée",
        "general": "générale",
        "restricted": "restreinte",
        "original": "Original : {}",
        "session": "{} session",
        "agenda": "Point {} de l’ordre du jour",
        "draft_resolution": "projet de résolution",
        "draft_decision": "projet de décision",
        "kind": "{names}{star} : {kind}",
        "adopted": "Résolution adoptée par l’{body} le {date}",
        "without_committee": "[sans renvoi à une grande commission ({})]",
        "on_report": "[sur la base du rapport d’une grande commission ({})]",
        "meeting": "{} séance plénière",
        "and": "et",
        "languages": {
            "en": "anglais",
            "fr": "français",
            "es": "espagnol",
            "ar": "arabe",
            "zh": "chinois",
            "ru": "russe",
        },
    },
}


def phrases(language: str) -> dict:
    return _PHRASES.get(language) or _PHRASES["en"]


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def ordinal_number(n: int, language: str) -> str:
    """45 → "45th" / "45e"."""
    return _meeting_number(n, language)


def _meeting_number(n: int, language: str) -> str:
    if language == "fr":
        return "1re" if n == 1 else f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _agenda_item(item: str, language: str) -> str:
    """The stored form is English's "125 (s)"; French prints "125 s)"."""
    return re.sub(r"\((\w{1,2})\)", r"\1)", item) if language == "fr" else item


def lines(document, text, language: str) -> dict[str, str]:
    """The masthead's lines in `language`, from the document's fields and that language's text
    (`text`: its DocumentText or None). Lines the document has no data for are empty."""
    p = phrases(language)
    body = p.get(document.body, "")
    out = {
        "organ": body,
        "distribution": p["distr"].format(p[document.distribution]) if document.distribution in p else "",
        "date": long_date(document.date, language),
        "original": "",
        "session": p["session"].format(_capfirst(ordinal(document.session, language, feminine=True)))
        if document.session
        else "",
        "agenda": p["agenda"].format(_agenda_item(document.agenda_item, language)) if document.agenda_item else "",
        "adopted": "",
        "committee": "",
        "vote": document.vote,  # as printed, in the language of the text it came from
        "meeting": "",
        "meeting_date": "",
    }
    if document.original_language_id:
        name = p["languages"].get(document.original_language_id, document.original_language_id)
        out["original"] = p["original"].format(_capfirst(name) if language != "fr" else name)
    if document.adopted:
        out["adopted"] = p["adopted"].format(body=body, date=long_date(document.adopted, language))
        out["meeting_date"] = long_date(document.adopted, language)
    printed = [line for line in (text.header_lines if text else "").splitlines() if line.startswith("[")]
    if printed:  # the committee line as this language's text prints it
        out["committee"] = printed[0]
    elif document.report:
        out["committee"] = p["on_report"].format(document.report)
    elif document.draft and document.adopted:
        out["committee"] = p["without_committee"].format(document.draft)
    if document.meeting:
        out["meeting"] = p["meeting"].format(_meeting_number(document.meeting, language))
    return out


def sponsor_suffix(kind: str, language: str) -> tuple[str, str]:
    """What the sponsors line puts after the names, split at the note's star: ("", ": draft
    resolution") in English prints "Belarus…:* draft resolution"; French "Bélarus…* : projet de
    résolution". Empty for kinds whose masthead lists no sponsors."""
    p = phrases(language)
    if kind not in ("draft_resolution", "draft_decision"):
        return "", ""
    before, after = p["kind"].split("{star}")
    return before.replace("{names}", ""), after.format(kind=p[kind])


def and_word(language: str) -> str:
    return phrases(language)["and"]
