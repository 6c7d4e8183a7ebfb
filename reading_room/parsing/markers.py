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
# ¹² / ^{3} / ^{*} / [^4], with the space PDF extraction sometimes leaves before them.
_SUPER = re.compile(r" ?(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\^\{(?P<braced>[^}]{1,4})\}|\[\^(?P<md>[^\]\s]{1,6})\])")
_SUPER_HINT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]|\^\{|\[\^")  # most texts have none: skip _SUPER (its " ?" is slow)
# "States, 8 as well", "in 2014, 3" (at the end): a plain number after punctuation and a space.
_PLAIN_AFTER_PUNCT = re.compile(r" (?<=[,;.:)”\"»’] )(?P<num>\d{1,3})(?=\s|$)")
# "Programme of Action 9 and the": a plain number after a word and a space.
_PLAIN_AFTER_WORD = re.compile(r" (?<=[^\W\d_] )(?P<num>\d{1,3})(?=\s|[,;:]|$)")
# "Organization,2", "(SSOD-IV),3", "13 July 1979,1", "79/16,2": digits glued after punctuation.
_GLUED_AFTER_PUNCT = re.compile(r"(?P<num>\d(?<=[^\s][,;:”\"»)’]\d)\d{0,2})(?=[\s,.;:)]|$)")
# "Future.16": after a full stop that ends a word of three letters or more (not "A.2", "No.5").
_GLUED_AFTER_STOP = re.compile(r"(?P<num>\d(?<=[a-z]{3}\.\d)\d?)(?=\s|$)")
# "Organization2," "Shanghai2 ": one or two digits glued to a word of three letters or more.
_GLUED_DIGITS = re.compile(r"(?P<num>\d(?<=[^\W\d_]{3}\d)\d?)(?=[\s,.;:)»”]|$)")
# "10 October 19904", "2014–20243": a call glued to a year.
_GLUED_TO_YEAR = re.compile(r"(?<![\d/.,])(?:19|20)\d\d(?P<num>\d{1,2})(?=[\s,.;:)]|$)")
# OCR garbage standing for a lost superscript: "Shanghai?," "nucléaires®" "2016°," "eurasiatique’ et".
_GARBAGE = re.compile(r"(?P<g>[?®°’'©¢§¤†‡])(?<=[\w»\"”)]{2}[?®°’'©¢§¤†‡])(?=[\s,.;:)]|$)")
_ELISIONS = {"l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}
# After a number, words that make it a quantity or a date, not a footnote call.
_COUNTED = re.compile(
    r"(?i)(?:per\b|percent|million|billion|trillion|thousand|hundred|years?|months?|weeks?|days?|hours?|"
    r"times|States|Member|members|countries|Parties|sovereign|new|more|other|of\b|to\b|pour\b|millions?|"
    r"milliards?|ans|mois|jours|États|pays|%|–|-)"
)
# Before a number, words that make it a reference or a quantity ("paragraph 7", "all 17 Goals").
_COUNTING = re.compile(
    r"(?i)\b(?:paragraphs?|para|paras|articles?|chapters?|chap|sections?|annex(?:es)?|resolutions?|decisions?|"
    r"rules?|items?|goals?|targets?|principles?|no|nos|vol|volume|page|pages|p|pp|phase|level|group|sdgs?|"
    r"parts?|protocols?|tier|step|stage|cop|round|cycle|session|year|years|number|"
    r"all|some|about|over|under|than|least|most|only|first|last|nearly|approximately|around|almost|"
    r"agenda\s\d+|of|and|or|to|from|between|since|until|before|after|by|in|on|at|for|with|the|a|an|"
    r"alinéas?|par|résolutions?|décisions?|objectifs?|cibles?|principes?|article|du|de|des|les|le|la|et)\s*$"
)


def find_markers(text: str, language: str, ocr: bool, expected: set[str], highest: int | None = None) -> list[Marker]:
    """Footnote markers in `text`. `expected` are the footnote numbers the document has; plain and
    glued digits count only when they are one of them. With `highest` (the last footnote called
    before this text), calls must come in order: a plain number after a space, or one glued to a
    year, counts only as the very next footnote; a glued one may also repeat an earlier call."""
    found: list[tuple[Marker, str]] = []  # (marker, strength): explicit | glued | loose
    for m in _SUPER.finditer(text) if _SUPER_HINT.search(text) else ():
        raw = m["sup"].translate(FROM_SUPERSCRIPT) if m["sup"] else (m["braced"] or m["md"])
        found.append((Marker(m.start(), m.end(), raw.strip(), "marker"), "explicit"))
    for pattern, strength in (
        (_GLUED_AFTER_PUNCT, "glued"),
        (_GLUED_AFTER_STOP, "glued"),
        (_GLUED_DIGITS, "glued"),
        (_GLUED_TO_YEAR, "loose"),
        (_PLAIN_AFTER_PUNCT, "loose"),
        (_PLAIN_AFTER_WORD, "loose"),
    ):
        for m in pattern.finditer(text):
            if m["num"] not in expected or not _plausible_call(text, m, pattern):
                continue
            start = m.start("num") if pattern is _GLUED_TO_YEAR else m.start()
            if pattern is _GLUED_AFTER_PUNCT and text[start - 2 : start - 1].isdigit():
                strength = "loose"  # "2003,2" is a call, "2,5 %" a decimal: only as the very next footnote
            found.append((Marker(start, m.end("num"), m["num"], "marker"), strength))
    if ocr:
        for m in _GARBAGE.finditer(text):
            if _is_garbage_marker(text, m.start(), m["g"], language):
                found.append((Marker(m.start(), m.end(), "", "garbled"), "explicit"))
    found.sort(key=lambda f: (f[0].start, f[1] != "explicit"))
    kept: list[Marker] = []
    for mk, strength in found:  # a span claimed twice keeps its first reading
        if kept and mk.start < kept[-1].end:
            continue
        if highest is not None and mk.number.isdigit() and strength != "explicit":
            n = int(mk.number)
            if strength == "loose" and n != highest + 1:
                continue
            if strength == "glued" and not (n <= highest or highest < n <= highest + 3):
                continue
        kept.append(mk)
        if highest is not None and mk.number.isdigit():
            highest = max(highest, int(mk.number))
    return kept


def _plausible_call(text: str, m: re.Match, pattern: re.Pattern) -> bool:
    """Context checks: a call is not part of a symbol, a number or a date."""
    start, end = m.start("num"), m.end("num")
    after = text[end:].lstrip()
    if pattern is _GLUED_DIGITS:
        word = re.search(r"[^\W\d_]+$", text[:start])
        # "COP28", "UN80", "G77": an acronym with its number, not a call
        return not _inside_symbol(text, start) and not (word and word.group().isupper() and len(word.group()) <= 6)
    if pattern is _GLUED_AFTER_PUNCT:
        punct = text[start - 1]
        before = text[: start - 1]
        # "2,896" is a number: after a digit and a comma or stop, three digits are a thousands group
        if before[-1:].isdigit() and (end - start == 3 or punct in ".:"):
            return False
        return not (punct == "," and before[-1:].isdigit() and after[:1].isdigit())
    if pattern is _GLUED_TO_YEAR:
        return not re.search(r"(?i)\b(?:No|Nos|vol|n°)\.?\s*$", text[: m.start()])
    # plain numbers after a space
    if MONTH_WORD.match(after) or _COUNTED.match(after):
        return False
    if pattern is _PLAIN_AFTER_WORD and _COUNTING.search(text[: m.start()]):
        return False
    return not (after[:1].isdigit())


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
