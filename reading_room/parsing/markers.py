"""Footnote markers inside paragraph text: find them, take them out, remember where they were."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import FROM_SUPERSCRIPT, MONTH_WORD


@dataclass
class Marker:
    start: int  # span in the text as given
    end: int
    number: str  # "" when garbled: the caller decides which footnote it is
    how: str  # marker | garbled


# The patterns open with the character they are about, their context checked behind it: the
# regex engine then skips to those characters, instead of testing a look-behind at every position.
# ¹² / ^{3} / ^{*}, with the space PDF extraction sometimes leaves before them.
_SUPER = re.compile(r" ?(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\^\{(?P<braced>[^}]{1,4})\})")
_SUPER_HINT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]|\^\{")  # most texts have none: skip _SUPER (its " ?" is slow)
# "States, 8 as well as": a plain number after punctuation, before a lowercase word.
_PLAIN_AFTER_PUNCT = re.compile(r" (?<=[,;.:)”\"»] )(?P<num>\d{1,2})(?= [a-zà-ÿ])")
# "Organization,2" (pdftotext flattens superscripts): digits glued after a word's punctuation.
_GLUED_AFTER_PUNCT = re.compile(r"(?P<num>\d(?<=[^\W\d_][,;.:”\"»)]\d)\d?)(?=[\s,.;:)]|$)")
# "Organization2," "Shanghai2 ": one or two digits glued to a word of three letters or more.
_GLUED_DIGITS = re.compile(r"(?P<num>\d(?<=[^\W\d_]{3}\d)\d?)(?=[\s,.;:)»]|$)")
# OCR garbage standing for a lost superscript: "Shanghai?," "nucléaires®" "2016°," "eurasiatique’ et".
_GARBAGE = re.compile(r"(?P<g>[?®°’'©¢§¤†‡])(?<=[\w»\"”)]{2}[?®°’'©¢§¤†‡])(?=[\s,.;:)]|$)")
_ELISIONS = {"l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}


def find_markers(text: str, language: str, ocr: bool, expected: set[str]) -> list[Marker]:
    """Footnote markers in `text`. `expected` are the footnote numbers the document has;
    plain and glued digits count only when they are one of them."""
    markers: list[Marker] = []
    for m in _SUPER.finditer(text) if _SUPER_HINT.search(text) else ():
        raw = m["sup"].translate(FROM_SUPERSCRIPT) if m["sup"] else m["braced"]
        markers.append(Marker(m.start(), m.end(), raw.strip(), "marker"))
    for m in _PLAIN_AFTER_PUNCT.finditer(text):
        if m["num"] in expected:
            markers.append(Marker(m.start(), m.end(), m["num"], "marker"))
    for m in _GLUED_AFTER_PUNCT.finditer(text):
        if m["num"] in expected:
            markers.append(Marker(m.start(), m.end(), m["num"], "marker"))
    for m in _GLUED_DIGITS.finditer(text):
        if m["num"] in expected and not _inside_symbol(text, m.start()):
            markers.append(Marker(m.start(), m.end(), m["num"], "marker"))
    if ocr:
        for m in _GARBAGE.finditer(text):
            if _is_garbage_marker(text, m.start(), m["g"], language):
                markers.append(Marker(m.start(), m.end(), "", "garbled"))
    markers.sort(key=lambda mk: mk.start)
    kept: list[Marker] = []
    for mk in markers:  # a span claimed twice keeps its first reading
        if not kept or mk.start >= kept[-1].end:
            kept.append(mk)
    return kept


def _inside_symbol(text: str, pos: int) -> bool:
    """Digits in A/79/L.124 or S-30/1 are part of a symbol."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return "/" in text[start:pos] or "." in text[start:pos] or "-" in text[start:pos]


def _is_garbage_marker(text: str, pos: int, char: str, language: str) -> bool:
    word_start = pos
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "-"):
        word_start -= 1
    word = text[word_start:pos]
    after = text[pos + 1 :].lstrip()
    if char in "’'" and word.lower() in _ELISIONS:
        return False  # "I’ Association", "d’ un": an apostrophe with a stray space
    if len(word) < 2 and word[-1:] not in '»")”':
        return False  # "1°* septembre" is an ordinal
    if MONTH_WORD.match(after):
        return False
    if char == "?" and language != "fr":
        return False  # English puts no space before "?": it may be a real question mark
    return not (char == "°" and word.isdigit() and after[:1] == "*")


def strip_markers(text: str, markers: list[Marker]) -> tuple[str, list[tuple[Marker, int]]]:
    """Remove the markers; return the clean text and each marker's offset in it."""
    out: list[str] = []
    placed: list[tuple[Marker, int]] = []
    cursor = length = 0
    for mk in markers:
        piece = text[cursor : mk.start]
        if out and out[-1].endswith(" ") and piece.startswith(" "):
            piece = piece[1:]  # "Development, ¹ and" → "Development, and"
        out.append(piece)
        length += len(piece)
        placed.append((mk, length))
        cursor = mk.end
    tail = text[cursor:]
    if out and out[-1].endswith(" ") and tail.startswith(" "):
        tail = tail[1:]
    out.append(tail)
    return "".join(out), placed
