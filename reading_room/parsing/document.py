"""Parse one language version of a UN resolution or draft: text in, ParsedText out."""

from __future__ import annotations

import re

from . import align
from .blocks import normalize, split_blocks
from .furniture import strip_rules, strip_running_heads, take_markdown_notes
from .header import parse_header
from .leads import find_lead
from .markers import find_markers, strip_markers
from .ocr_fr import map_offset, repair_english, repair_french
from .patterns import ENACTING, FROM_SUPERSCRIPT, GARBAGE_LABELS, MEETING
from .segments import cut, join
from .structure import build
from .types import FootnoteRef, ParsedFootnote, ParsedText, Repaired


class ParseError(ValueError):
    """The text is not a UN resolution we can read; the message says why, for the user."""


def parse(text: str, language: str, reference: ParsedText | None = None, symbol: str = "") -> ParsedText:
    """Parse `text` in `language`. `reference` is the other language's parse, used to number
    garbled footnote markers; `symbol` helps drop running heads when the text has no masthead."""
    lines, markdown_notes = take_markdown_notes(normalize(text).split("\n"))
    lines = strip_rules(lines)
    at = _formula_line(lines)
    if at is None:
        first = next((line.strip() for line in lines if line.strip()), "")
        raise ParseError(
            _("no enacting formula found (such as “The General Assembly,” or “L’Assemblée générale,”)")
            + f" — {len(lines)} lines read, the first: “{first[:80]}”"
        )
    given_symbol = symbol or (reference.header.symbol if reference else "")
    header_blocks = split_blocks("\n".join(lines[:at]), given_symbol)
    header, title = parse_header([b.lines for b in header_blocks if b.kind == "text"])
    symbol = given_symbol or header.symbol
    parsed = ParsedText(language=language, header=header, title=title)
    parsed.enacting_formula = lines[at].strip()
    titles = [t for t in (title, reference.title if reference else "") if t]
    body_lines, _heads = strip_running_heads(lines[at + 1 :], symbol, titles)
    blocks = split_blocks("\n".join(body_lines), symbol)
    stream, closing = cut(blocks)
    units, notes = join(stream)
    parsed.closing_lines = closing
    for line in closing:
        if m := MEETING.match(line):
            header.meeting = int(m["number"])
    labelled = [n for b in header_blocks if b.kind == "footnote" for n in b.notes] + notes
    if markdown_notes:  # a re-flowed text that kept some page-foot footnotes too: the definitions win
        defined = {label for label, _text in markdown_notes}
        labelled = [(label, text) for label, text in labelled if label not in defined] + markdown_notes
        if all(label.isdigit() for label, _text in labelled):
            labelled.sort(key=lambda note: int(note[0]))
    _number_footnotes(parsed, labelled)
    build(parsed, units)
    if not parsed.paragraphs:
        raise ParseError(_("no paragraphs found after the enacting formula") + f" (line {at + 1})")
    _attach_markers(parsed, reference)
    _repair(parsed)
    for para in parsed.paragraphs:
        # a declaration's paragraphs ("We recognize …") and headings print no italic lead
        if para.kind != "heading" and (para.kind != "annex" or ".pp" in para.eid):
            para.lead = para.lead or find_lead(para.text, language)
    return parsed


def _(message: str) -> str:
    return message  # the parser is Django-free; messages are translated where they are shown


def _formula_line(lines: list[str]) -> int | None:
    """The line that is the enacting formula ("The General Assembly," — the comma is sometimes
    not printed)."""
    return next((i for i, line in enumerate(lines) if ENACTING.match(line.strip())), None)


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
                parsed.warn(f"footnote {expected} to {number - 1} missing", structural=True)
        else:
            number = expected
            if label and label not in GARBAGE_LABELS and clean.isascii() and clean.isdigit():
                parsed.warn(f"footnote label {label!r} read as {number}")
        parsed.footnotes.append(
            ParsedFootnote(str(number), _strip_italics(text.strip()), label if label != clean else "")
        )
        expected = number + 1


def _strip_italics(text: str) -> str:
    return re.sub(r"\*([^*\n]+)\*", r"\1", text)


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
        # calls come in order: a plain digit counts only as the next footnote (markers.py)
        markers = find_markers(para.text, parsed.language, ocr, numbers, highest)
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
            if number not in numbers:
                parsed.warn(f"{para.eid} calls footnote {number}, which the text does not have", structural=True)
                continue
            if number.isdigit():
                highest = max(highest, int(number))
            para.refs.append(FootnoteRef(number, offset, mk.how))
    if reference:
        align.place_missing(reference, parsed)
