"""The masthead of a UN document, in English or French."""

from __future__ import annotations

import re
from datetime import date

from .blocks import join_lines
from .patterns import (
    ADOPTION,
    COMMITTEE,
    DRAFT_KIND,
    LANGUAGE_NAMES,
    MONTHS,
    RESOLUTION_TITLE,
    SC_RESOLUTION,
    SYMBOL,
    VOTE,
)
from .types import Header

_MASTHEAD = re.compile(rf"^(?:United Nations|Nations Unies)\s+(?P<symbol>{SYMBOL})\s*$")
_SYMBOL_ONLY = re.compile(rf"^(?P<symbol>{SYMBOL})$")
_ORGAN = re.compile(
    r"^(?:United Nations|Nations Unies)?\s*"
    r"(?:General Assembly|Assemblée générale|Security Council|Conseil de sécurité)?$"
)
_DISTR = re.compile(r"^(?:.*\s)?Distr\.\s*:?\s*(?P<distribution>[A-Za-zéè]+)\s*(?P<date>.*)$")
_ORIGINAL = re.compile(r"^Original\s*:\s*(?P<lang>\w+)\s*$", re.IGNORECASE)
_SESSION = re.compile(r"^(?P<line>\S.*\b(?:session|Session))$")
_ITEM = r"\d{1,3}(?:\s?\(?[a-z]{1,2}\))?(?:(?:\s*,\s*|\s+(?:and|et)\s+)\d{1,3}(?:\s?\(?[a-z]{1,2}\))?)*"
_AGENDA_EN = re.compile(r"^Agenda items?\s+(?P<item>.+?)\s*$")
_AGENDA_FR = re.compile(r"^Points?\s+(?P<item>.+?)\s+de l[’']ordre du jour\s*$")
# Adopted resolutions print session, agenda item and its title on one line:
# "Eightieth session Agenda item 99 (h) General and complete disarmament: …"
# "Quatre-vingtième session Point 99 h) de l’ordre du jour Désarmement général et complet : …"
_SESSION_AGENDA = re.compile(
    rf"^(?P<session>\S.*?\b[Ss]ession)\s+(?:Agenda items?\s+(?P<item>{_ITEM})"
    rf"|Points?\s+(?P<item_fr>{_ITEM})\s+de l[’']ordre du jour)(?:\s+(?P<title>\S.*))?$"
)
_DATE_RE = re.compile(r"(?P<day>\d{1,2})(?:er|st|nd|rd|th)?\s+(?P<month>[A-Za-zéûè]+)\s+(?P<year>\d{4})")

_DISTRIBUTION = {
    "limited": "limited",
    "limitée": "limited",
    "general": "general",
    "générale": "general",
    "restricted": "restricted",
    "restreinte": "restricted",
}


def parse_date(text: str) -> str:
    """ "28 August 2025" / "28 août 2025" / "1er septembre 2023" → ISO date, or ""."""
    m = _DATE_RE.search(text)
    if not m:
        return ""
    month_name = m["month"].lower()
    for names in MONTHS.values():
        lowered = [n.lower() for n in names]
        if month_name in lowered:
            try:
                return date(int(m["year"]), lowered.index(month_name) + 1, int(m["day"])).isoformat()
            except ValueError:
                return ""
    return ""


_BRACKETED_SYMBOL = re.compile(rf"\((?P<symbol>{SYMBOL})(?:\s*,\s*(?:para|par)\.\s*[\d\w]+)?\)")


def _committee(header: Header, line: str) -> None:
    """[without reference to a Main Committee (A/80/L.15)] names the draft; [on the report of the
    First Committee (A/80/534, para. 7)] the committee's report (and so, indirectly, the draft)."""
    m = _BRACKETED_SYMBOL.search(line)
    if not m:
        return
    if "/L." in m["symbol"]:
        header.draft = m["symbol"]
    else:
        header.report = m["symbol"]


def _agenda_item(item: str) -> str:
    """French prints "125 s)"; the English form "125 (s)" is the one we store."""
    return re.sub(r"\b(\d+)\s+([a-z]{1,2})\)", r"\1 (\2)", item)


def parse_header(blocks: list[list[str]]) -> tuple[Header, str]:
    """Parse the text blocks before the enacting formula. Returns the header and the title."""
    header = Header()
    free: list[tuple[int, str]] = []  # (block index, joined text) not recognised as a field
    for index, lines in enumerate(blocks):
        run: list[str] = []  # consecutive lines that are not a header field: one free text
        agenda_open = False  # the agenda item's title began on the line before and may go on
        for line in lines:
            header.lines.append(line)
            if agenda_open and not _looks_like_field(line):
                header.agenda_title = join_lines([header.agenda_title, line])
                continue
            agenda_open = False
            if _field(header, line):
                if run:
                    free.append((index, join_lines(run)))
                run = []
                agenda_open = bool(_SESSION_AGENDA.match(line)) and bool(header.agenda_title)
                continue
            run.append(line)
        if run:
            free.append((index, join_lines(run)))
    title_parts: list[str] = []
    seen_sponsors = False
    agenda_seen = bool(header.agenda_item)
    for _, text in free:
        m = DRAFT_KIND.match(text)
        if m:
            header.sponsors = m["sponsors"].strip()
            header.kind = "draft_decision" if "cision" in m["kind"].lower() else "draft_resolution"
            seen_sponsors = True
            title_parts = []
            continue
        if m := SC_RESOLUTION.match(text):
            header.resolution_number = m["number"]
            header.kind = "resolution"
            title_parts = [text]
            continue
        m = RESOLUTION_TITLE.match(text)
        if m and header.adoption_line:
            header.resolution_number = m["number"]
            title_parts = [m["title"]]
            continue
        if agenda_seen and not header.agenda_title and not seen_sponsors and not header.adoption_line:
            header.agenda_title = text
            continue
        title_parts.append(text)
    if header.adoption_line and not header.kind:
        header.kind = "resolution"
    if not header.symbol and header.resolution_number and header.adoption_line:
        header.symbol = _resolution_symbol(header)
    return header, " ".join(title_parts)


def _resolution_symbol(header: Header) -> str:
    """Adopted resolutions often print their number only in the title line ("80/12. Prevention of
    …"): A/RES/80/12, or S/RES/2719 (2023) for the Security Council."""
    number = header.resolution_number
    if re.fullmatch(r"\d{1,5} \(\d{4}\)", number):
        return f"S/RES/{number}"
    return "A/RES/" + number.replace(" ", "")


def _looks_like_field(line: str) -> bool:
    return bool(ADOPTION.match(line) or COMMITTEE.match(line) or RESOLUTION_TITLE.match(line) or _DISTR.match(line))


def _field(header: Header, line: str) -> bool:
    """Fill the header field this line is, if any."""
    if m := _MASTHEAD.match(line):
        header.symbol = header.symbol or m["symbol"]
    elif (m := _SYMBOL_ONLY.match(line)) and not header.symbol:
        header.symbol = m["symbol"]
    elif _ORGAN.match(line) or line.strip().lower() in LANGUAGE_NAMES:
        pass  # the organ, or the language of this version ("Français") printed in the masthead
    elif m := _DISTR.match(line):
        header.distribution = _DISTRIBUTION.get(m["distribution"].lower(), m["distribution"].lower())
        header.date = header.date or parse_date(m["date"])
    elif (d := parse_date(line)) and _DATE_RE.fullmatch(line.strip()):
        header.date = header.date or d
    elif m := _ORIGINAL.match(line):
        header.original_language = LANGUAGE_NAMES.get(m["lang"].lower(), m["lang"].lower())
    elif m := _SESSION_AGENDA.match(line):
        header.session_line = header.session_line or m["session"]
        header.agenda_item = _agenda_item(m["item"] or m["item_fr"])
        header.agenda_title = m["title"] or ""
    elif m := _AGENDA_EN.match(line) or _AGENDA_FR.match(line):
        header.agenda_item = _agenda_item(m["item"])
    elif ADOPTION.match(line):
        header.adoption_line = line
        header.adopted = parse_date(line)
    elif VOTE.match(line):
        header.vote = line.strip("[] ")
    elif COMMITTEE.match(line):
        header.committee_line = line
        _committee(header, line)
    elif _SESSION.match(line) and len(line) < 60 and not header.session_line:
        header.session_line = line
    else:
        return False
    return True
