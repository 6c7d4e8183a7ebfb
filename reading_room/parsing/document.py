"""Parse one language version of a UN resolution or draft: text in, ParsedText out."""

from __future__ import annotations

import re

from . import align
from .blocks import Block, join_lines, split_blocks
from .header import parse_header
from .leads import find_lead
from .markers import find_markers, strip_markers
from .patterns import (
    ANNEX,
    ENACTING,
    FROM_SUPERSCRIPT,
    GARBAGE_LABELS,
    MEETING,
    OPERATIVE_START,
    SUBPARA_START,
)
from .ocr_fr import map_offset, repair_english, repair_french
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
    for i, block in enumerate(blocks):
        if block.kind == "text" and ENACTING.match(block.lines[0]):
            return i
    return None


_TRAILING_MARKER = re.compile(r"(?:\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{[^}]{1,4}\}|[®°’?])+$")


def _is_open(text: str) -> bool:
    """A paragraph not yet ended by its punctuation (a footnote call after it does not count)."""
    return not _TRAILING_MARKER.sub("", text.rstrip()).endswith(_TERMINAL)


def _starts_lower(text: str) -> bool:
    if OPERATIVE_START.match(text) or SUBPARA_START.match(text):
        return False
    for ch in text[:4]:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return True  # "13 décembre 2010, …" continues a paragraph
    return False


def _split_chunks(lines: list[str]) -> list[list[str]]:
    """Split a block at operative numbers and sub-paragraph letters that start a line,
    for PDF text with hard line breaks and no blank line between paragraphs."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        starts = OPERATIVE_START.match(line) or SUBPARA_START.match(line)
        previous = chunks[-1][-1] if chunks[-1] else ""
        # a number alone on its line ("1.") stays with the text that follows it
        if starts and previous and not re.fullmatch(r"(?:[-–•]\s*)?\d{1,3}\s?\.", previous) and not _is_open(previous):
            chunks.append([])
        chunks[-1].append(line)
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
    in_annex = False
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
        if chunks and not in_annex and (_starts_lower(text) or _is_open(chunks[-1])):
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


def _build_paragraphs(parsed: ParsedText, chunks: list[str]) -> None:
    operative = preamble = 0
    letter = ""
    last_letter_eid = ""
    for chunk in chunks:
        italic = re.match(r"^(?:[-–•]\s*)?(?:\d{1,3}\s?\.\s*)?\*([^*]+)\*", chunk)
        text = _strip_italics(chunk)
        if m := OPERATIVE_START.match(text):
            operative += 1
            number = m["num"]
            if int(number) != operative:
                parsed.warnings.append(f"operative paragraph {number} found where {operative} was expected")
            body = text[m.end() :].strip()
            parsed.paragraphs.append(Paragraph(f"op{operative}", "operative", str(operative), body))
            letter = last_letter_eid = ""
        elif (m := SUBPARA_START.match(text)) and parsed.paragraphs:
            num = m["num"]
            parent = parsed.paragraphs[-1]
            is_roman = _ROMAN.match(num) and not (num == "i" and letter == "h") and letter != ""
            if is_roman and last_letter_eid:
                eid = f"{last_letter_eid}.{num}"
            else:
                base = parent.eid.split(".")[0]
                letter = num
                eid = last_letter_eid = f"{base}.{num}"
            parsed.paragraphs.append(Paragraph(eid, "subparagraph", num, text[m.end() :].strip()))
        elif operative == 0:
            preamble += 1
            parsed.paragraphs.append(Paragraph(f"pp{preamble}", "preambular", "", text.strip()))
        else:
            parsed.warnings.append(f"text after op{operative} that is not a numbered paragraph: {text[:60]!r}")
            parsed.paragraphs[-1].text = join_lines([parsed.paragraphs[-1].text, text])
        if italic:
            parsed.paragraphs[-1].lead = italic.group(1).strip()


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
        markers = find_markers(para.text, parsed.language, ocr, numbers)
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
