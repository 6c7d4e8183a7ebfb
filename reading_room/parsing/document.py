"""Parse one language version of a UN resolution or draft: text in, ParsedText out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import align
from .blocks import Block, join_lines, split_blocks
from .header import parse_header
from .leads import find_lead
from .markers import find_markers, strip_markers
from .ocr_fr import map_offset, repair_english, repair_french
from .patterns import (
    ANNEX,
    ARTICLE,
    ENACTING,
    FROM_SUPERSCRIPT,
    GARBAGE_LABELS,
    MEETING,
    OPERATIVE_START,
    SECTION,
    SUBPARA_START,
)
from .types import Footnote, FootnoteRef, Paragraph, ParsedText, Repaired

_TERMINAL = (",", ";", ".", ":")
_ROMAN = re.compile(r"^[ivxl]+$")


class ParseError(ValueError):
    """The text is not a UN resolution we can read; the message says why, for the user."""


def parse(text: str, language: str, reference: ParsedText | None = None, symbol: str = "") -> ParsedText:
    """Parse `text` in `language`. `reference` is the other language's parse, used to number
    garbled footnote markers; `symbol` helps drop running headers when the text has no masthead."""
    blocks = split_blocks(text, symbol or (reference.header.symbol if reference else ""))
    start = _enacting_index(blocks)
    if start is None:
        raise ParseError(_("no enacting formula found (such as “The General Assembly,” or “L’Assemblée générale,”)"))
    header_blocks = [b.lines for b in blocks[:start] if b.kind == "text"]
    header, title = parse_header(header_blocks)
    formula_block = blocks[start]
    parsed = ParsedText(language=language, header=header, title=title)
    parsed.enacting_formula = formula_block.lines[0]
    body = blocks[start + 1 :]
    if len(formula_block.lines) > 1:
        body.insert(0, Block("text", formula_block.lines[1:]))
    footnote_stream = [b for b in blocks[:start] if b.kind == "footnote"]
    chunks, closing, notes = _assemble(body)
    parsed.closing_lines = closing
    for line in closing:
        if (m := re.match(r"^(\d{1,4})", line)) and MEETING.match(line):
            header.meeting = int(m[1])
    labelled = [n for b in footnote_stream for n in b.notes] + notes
    _number_footnotes(parsed, labelled)
    _build_paragraphs(parsed, chunks)
    if not parsed.paragraphs:
        raise ParseError(_("no paragraphs found after the enacting formula"))
    _attach_markers(parsed, reference)
    _repair(parsed)
    for para in parsed.paragraphs:
        para.lead = para.lead or find_lead(para.text, language)
    return parsed


def _(message: str) -> str:
    return message  # the parser is Django-free; messages are translated where they are shown


def _enacting_index(blocks: list[Block]) -> int | None:
    """The block that opens with the enacting formula; a block with the formula further down
    (text with no blank lines) is split there first."""
    for i, block in enumerate(blocks):
        if block.kind != "text":
            continue
        at = next((j for j, line in enumerate(block.lines) if ENACTING.match(line)), None)
        if at is None:
            continue
        if at > 0:
            blocks[i : i + 1] = [Block("text", block.lines[:at]), Block("text", block.lines[at:])]
            return i + 1
        return i
    return None


_TRAILING_MARKER = re.compile(r"(?:\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{[^}]{1,4}\}|[®°’?]|(?<=[,;.:”\"»])\d{1,2})+$")


_MARKER_LAST = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹}®°’?")  # how a trailing marker can end (or with a digit)


def _is_open(text: str) -> bool:
    """A paragraph not yet ended by its punctuation (a footnote call after it does not count)."""
    text = text.rstrip()
    if text[-1:] in _MARKER_LAST or text[-1:].isdecimal():  # else no marker to strip: skip the regex
        text = _TRAILING_MARKER.sub("", text)
    return not text.endswith(_TERMINAL)


def _starts_lower(text: str) -> bool:
    if OPERATIVE_START.match(text) or SUBPARA_START.match(text):
        return False
    for ch in text[:4]:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return True  # "13 décembre 2010, …" continues a paragraph
    return False


# Opening words of a preambular paragraph: a participle or one of the adjectives UN drafting
# uses ("Recalling", "Convinced", "Rappelant", "Consciente", "Se félicitant").
_LEAD_WORD = re.compile(
    r"^(?:(?:Se|S’|S')\s?)?(?!United\b|Beijing|Nanjing|Kunming|Chongqing|Sterling|Reading\b)[A-ZÉ][a-zà-ÿ]+(?:ing|ed|ant|ante|antes|ée|ue|ues|te|tes)\b"
    r"|^(?:Aware|Mindful|Conscious|Cognizant|Desirous|Deeply|Gravely|Profondément|Vivement)\b"
)


def _looks_like_lead(line: str) -> bool:
    return bool(_LEAD_WORD.match(line))


def _split_chunks(lines: list[str]) -> list[list[str]]:
    """Split a block at operative numbers and sub-paragraph letters that start a line (PDF
    text with hard line breaks and no blank line between paragraphs), and around annex
    headings ("Annex", the annex title after it, "Article 1", "I. Principles")."""
    chunks: list[list[str]] = [[]]
    after_annex = False
    for line in lines:
        heading = ANNEX.match(line) or (ARTICLE.fullmatch(line) and len(line) < 80) or SECTION.match(line)
        starts = OPERATIVE_START.match(line) or SUBPARA_START.match(line)
        previous = chunks[-1][-1] if chunks[-1] else ""
        # a number alone on its line ("1.") stays with the text that follows it
        lone_number = re.fullmatch(r"(?:[-–•]\s*)?\d{1,3}\s?\.", previous)
        starts = starts or (previous and _looks_like_lead(line))
        if previous and (heading or after_annex or (starts and not lone_number and not _is_open(previous))):
            chunks.append([])
        chunks[-1].append(line)
        if heading or after_annex:
            chunks.append([])
        after_annex = bool(ANNEX.match(line))
    return [c for c in chunks if c]


def _assemble(blocks: list[Block]) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Join text blocks into paragraphs across page breaks and footnote blocks.

    Returns paragraph texts, closing lines (meeting line and date), and footnotes found on
    the way in document order — including unlabelled ones: complete sentences that sit
    inside an unfinished paragraph, before its lowercase continuation.
    """
    chunks: list[str] = []
    notes: list[tuple[str, str]] = []
    closing: list[str] = []
    items: list[tuple[str, object]] = []
    for block in blocks:
        if block.kind == "footnote":
            items.append(("note", block))
        elif MEETING.match(block.lines[0]):
            closing.extend(block.lines)
        else:
            for chunk in _split_chunks(block.lines):
                items.append(("text", join_lines(chunk)))
    i = 0
    in_annex = closed_title = False
    while i < len(items):
        kind, value = items[i]
        if kind == "note":
            notes.extend(value.notes)
            i += 1
            continue
        text = value
        if MEETING.match(text) or (closing and _looks_like_date(text)):
            closing.append(text)
            i += 1
            continue
        if ANNEX.match(text):
            in_annex = True
            closed_title = True  # the chunk after "Annex" is the annex's title
            chunks.append(text)
            i += 1
            continue
        heading = in_annex and (ARTICLE.match(text) or SECTION.match(text) or closed_title)
        closed_title = False
        previous_closed = bool(chunks) and in_annex and _is_heading(chunks[-1], chunks)
        if heading:
            chunks.append(text)
        elif chunks and not previous_closed and (_starts_lower(text) or _is_open(chunks[-1])):
            if _is_open(chunks[-1]) and not _starts_lower(text):
                skipped = _unlabelled_notes(items, i)
                if skipped:
                    notes.extend(("", t) for t in skipped)
                    i += len(skipped)
                    continue
            chunks[-1] = join_lines([chunks[-1], text])
        else:
            chunks.append(text)
        i += 1
    return chunks, closing, notes


def _is_heading(text: str, chunks: list[str]) -> bool:
    """Annex headings ("Annex", its title, "Article 1", "I. Principles") take no continuation."""
    if ANNEX.match(text) or ARTICLE.match(text) or SECTION.match(text):
        return True
    return len(chunks) >= 2 and chunks[-1] == text and bool(ANNEX.match(chunks[-2]))


def _looks_like_date(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(?:er)? \S+ \d{4}", text))


def _unlabelled_notes(items: list[tuple[str, object]], i: int) -> list[str]:
    """Sentences between an unfinished paragraph and its lowercase continuation are footnotes
    whose numbers OCR lost (the French sample has two)."""
    found: list[str] = []
    for kind, value in items[i : i + 4]:
        if kind != "text":
            return []
        if _starts_lower(value):
            return found
        if not value.endswith(".") or OPERATIVE_START.match(value) or SUBPARA_START.match(value):
            return []
        found.append(value)
    return []


def _number_footnotes(parsed: ParsedText, labelled: list[tuple[str, str]]) -> None:
    """Footnotes are numbered 1, 2, 3… in document order; a `*` note is the sponsor note.
    A clean label is trusted when it fits the sequence; a garbled or missing one takes
    the next number."""
    expected = 1
    for label, text in labelled:
        clean = label.translate(FROM_SUPERSCRIPT).strip("^{} ")
        if clean.startswith("*"):
            parsed.sponsor_note = text.strip()
            continue
        if clean.isascii() and clean.isdigit() and int(clean) >= expected:
            number = int(clean)
            if number != expected:
                parsed.warnings.append(f"footnote {expected} to {number - 1} missing")
        else:
            number = expected
            if label and label not in GARBAGE_LABELS and clean.isascii() and clean.isdigit():
                parsed.warnings.append(f"footnote label {label!r} read as {number}")
        parsed.footnotes.append(Footnote(str(number), _strip_italics(text.strip()), label if label != clean else ""))
        expected = number + 1


def _strip_italics(text: str) -> str:
    return re.sub(r"\*([^*\n]+)\*", r"\1", text)


@dataclass
class _Scope:
    """Numbering inside the body, an annex or an article of an annex."""

    prefix: str  # "", "annex1.", "annex1.art2."
    numbered: str = "op"  # "op" in the body and an annex, "para" inside an article
    operative: int = 0
    preamble: int = 0
    letter: str = ""
    letter_eid: str = ""


def _build_paragraphs(parsed: ParsedText, chunks: list[str]) -> None:
    scope = _Scope("")
    annex = 0
    annex_prefix = ""
    after_annex = False
    for chunk in chunks:
        italic = re.match(r"^(?:[-–•]\s*)?(?:\d{1,3}\s?\.\s*)?\*([^*]+)\*", chunk)
        text = _strip_italics(chunk).strip()
        if ANNEX.match(text):
            annex += 1
            annex_prefix = f"annex{annex}"
            scope = _Scope(f"{annex_prefix}.")
            parsed.paragraphs.append(Paragraph(annex_prefix, "heading", "", text))
            after_annex = True
            continue
        if annex and (m := ARTICLE.match(text)):
            number = "1" if m["num"] in ("premier", "unique") else m["num"]
            scope = _Scope(f"{annex_prefix}.art{number}.", numbered="para")
            parsed.paragraphs.append(Paragraph(f"{annex_prefix}.art{number}", "heading", number, text))
            continue
        if annex and (m := SECTION.match(text)):
            parsed.paragraphs.append(Paragraph(f"{annex_prefix}.sec{_roman(m['num'])}", "heading", m["num"], text))
            continue
        if after_annex and not OPERATIVE_START.match(text):
            parsed.paragraphs.append(Paragraph(f"{annex_prefix}.title", "heading", "", text))
            after_annex = False
            continue
        after_annex = False
        if m := OPERATIVE_START.match(text):
            scope.operative += 1
            number = m["num"] if m["num"].isdigit() else "1"
            if int(number) != scope.operative:
                parsed.warnings.append(f"paragraph {number} found where {scope.operative} was expected")
            eid = f"{scope.prefix}{scope.numbered}{scope.operative}"
            parsed.paragraphs.append(Paragraph(eid, "operative", str(scope.operative), text[m.end() :].strip()))
            scope.letter = scope.letter_eid = ""
        elif (m := SUBPARA_START.match(text)) and parsed.paragraphs and parsed.paragraphs[-1].kind != "heading":
            num = m["num"]
            is_roman = _ROMAN.match(num) and not (num == "i" and scope.letter == "h") and scope.letter != ""
            if is_roman and scope.letter_eid:
                eid = f"{scope.letter_eid}.{num}"
            else:
                parent = next(p for p in reversed(parsed.paragraphs) if p.kind != "subparagraph")
                scope.letter = num
                eid = scope.letter_eid = f"{parent.eid}.{num}"
            parsed.paragraphs.append(Paragraph(eid, "subparagraph", num, text[m.end() :].strip()))
        elif scope.operative == 0:
            scope.preamble += 1
            parsed.paragraphs.append(Paragraph(f"{scope.prefix}pp{scope.preamble}", "preambular", "", text))
        else:
            parsed.warnings.append(f"text after a numbered paragraph that is not numbered: {text[:60]!r}")
            parsed.paragraphs[-1].text = join_lines([parsed.paragraphs[-1].text, text])
        if italic:
            parsed.paragraphs[-1].lead = italic.group(1).strip()
    _unique_eids(parsed)


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(numeral):
        value = values[ch]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total


def _unique_eids(parsed: ParsedText) -> None:
    """A repeated letter ("(a)" twice, OCR misreading "(b)") must not give two paragraphs one id."""
    seen: set[str] = set()
    for para in parsed.paragraphs:
        eid, n = para.eid, 1
        while eid in seen:
            n += 1
            eid = f"{para.eid}_{n}"
        if eid != para.eid:
            parsed.warnings.append(f"{para.eid} appears twice; the second is {eid}")
            para.eid = eid
        seen.add(eid)


def _repair(parsed: ParsedText) -> None:
    """OCR and extraction repair on every text, footnote calls moved along with the words."""
    repair = repair_french if parsed.language == "fr" else repair_english
    for para in parsed.paragraphs:
        para.text, para.repairs, changes = _repaired(repair, para.text)
        for ref in para.refs:
            ref.offset = map_offset(changes, ref.offset)
        if para.lead and not para.text.startswith(para.lead):
            para.lead = ""  # an italic lead the repair changed is found again
    for note in parsed.footnotes:
        note.text, note.repairs, _ = _repaired(repair, note.text)
    parsed.title, parsed.title_repairs, _ = _repaired(repair, parsed.title)


def _repaired(repair, text: str) -> tuple[str, list[Repaired], list]:
    result = repair(text)
    found = []
    for c in result.changes:
        start = map_offset(result.changes, c.start)
        found.append(Repaired("change", start, start + len(c.replacement), c.original, c.replacement, c.rule, c.note))
    for f in result.flags:
        start = map_offset(result.changes, f.start)
        word = result.text[start : start + len(f.word)]
        found.append(Repaired("flag", start, start + len(word), f.word, word, "doubt", f.reason))
    return result.text, found, result.changes


def _attach_markers(parsed: ParsedText, reference: ParsedText | None) -> None:
    numbers = {f.number for f in parsed.footnotes}
    ocr = parsed.language == "fr"
    highest = 0
    for para in parsed.paragraphs:
        # a plain digit counts as a call only if it is a footnote not yet called: calls come in order
        later = {n for n in numbers if not n.isdigit() or int(n) > highest}
        markers = find_markers(para.text, parsed.language, ocr, later)
        text, placed = strip_markers(para.text, markers)
        para.text = text
        ref_para = reference.paragraph(para.eid) if reference else None
        wanted = [r.number for r in ref_para.refs] if ref_para else []
        clean_numbers = {mk.number for mk, _ in placed if mk.number}
        for mk, offset in placed:
            number = mk.number
            if not number:
                # A garbled marker is the footnote the other language cites here, else the next one.
                candidates = [n for n in wanted if n not in clean_numbers]
                number = candidates[0] if candidates else str(highest + 1)
                clean_numbers.add(number)
                if number not in numbers:
                    continue
            if number.isdigit():
                highest = max(highest, int(number))
            para.refs.append(FootnoteRef(number, offset, mk.how))
    if reference:
        align.place_missing(reference, parsed)
