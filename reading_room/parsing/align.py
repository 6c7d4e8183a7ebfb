"""Cross-language footnote alignment: each language places the other's lost markers."""

from __future__ import annotations

import re

from .types import FootnoteRef, ParsedText

_TOKEN = re.compile(r"[\w/.\-]*\d[\w/.\-]*|(?<![.!?] )(?<!^)\b[A-Z][\w-]+")
_PUNCT = re.compile(r"[,;:.]")
_MAX_WORDS = 12


def place_missing(a: ParsedText, b: ParsedText) -> list[str]:
    """Make `a` and `b` cite the same footnotes from the same paragraphs, placing a
    reference that one language lost at the matching place in its text. Returns what
    could not be placed."""
    unplaced = []
    for pa in a.paragraphs:
        pb = b.paragraph(pa.eid)
        if pb is None:
            continue
        for src, dst, dst_lang in ((pa, pb, b.language), (pb, pa, a.language)):
            have = {r.number for r in dst.refs}
            for ref in src.refs:
                if ref.number in have:
                    continue
                offset = _position(src.text, ref.offset, dst.text, dst_lang)
                dst.refs.append(FootnoteRef(ref.number, offset, "aligned"))
                dst.refs.sort(key=lambda r: r.offset)
                have.add(ref.number)
    return unplaced


def _position(src: str, offset: int, dst: str, dst_lang: str) -> int:
    """Where in `dst` the reference at `offset` in `src` belongs.

    Anchor on a token both texts share once (a number, a symbol, a name) just before or
    just after the marker, then take the nearest clause boundary: French prints the call
    before the punctuation ("2030¹,"), English after it ("Development,¹").
    """
    before = [m for m in _TOKEN.finditer(src[:offset])][-_MAX_WORDS:]
    after = [m for m in _TOKEN.finditer(src, offset)][:_MAX_WORDS]
    candidates = []
    for m in reversed(before):
        if _unique(m.group(), src) and _unique(m.group(), dst):
            distance = len(src[m.end() : offset].split())
            end = dst.index(m.group()) + len(m.group())
            candidates.append((distance, _boundary_after(dst, end, dst_lang)))
            break
    for m in after:
        if _unique(m.group(), src) and _unique(m.group(), dst):
            distance = len(src[offset : m.start()].split())
            candidates.append((distance, _boundary_before(dst, dst.index(m.group()), dst_lang)))
            break
    if candidates:
        return min(candidates)[1]
    # No shared anchor: the same relative place, at the nearest clause boundary.
    target = round(offset / max(len(src), 1) * len(dst))
    bounds = [m.start() for m in _PUNCT.finditer(dst)] or [len(dst)]
    nearest = min(bounds, key=lambda p: abs(p - target))
    return _style(dst, nearest, dst_lang)


def _unique(token: str, text: str) -> bool:
    return len(re.findall(rf"(?<![\w/]){re.escape(token)}(?![\w/])", text)) == 1


def _boundary_after(text: str, pos: int, lang: str) -> int:
    m = _PUNCT.search(text, pos)
    if not m or len(text[pos : m.start()].split()) > _MAX_WORDS:
        return pos
    return _style(text, m.start(), lang)


def _boundary_before(text: str, pos: int, lang: str) -> int:
    found = [m.start() for m in _PUNCT.finditer(text, 0, pos)]
    if not found or len(text[found[-1] : pos].split()) > _MAX_WORDS:
        return pos
    return _style(text, found[-1], lang)


def _style(text: str, punct: int, lang: str) -> int:
    """Offset for a call at the punctuation at `punct`: before it in French, after it in English."""
    if lang == "fr":
        return punct
    end = punct + 1
    while end < len(text) and text[end] in '"”»’)':
        end += 1
    return end
