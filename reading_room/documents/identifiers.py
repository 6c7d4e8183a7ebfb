"""The identifiers public URLs are made of: document symbols, paragraph ids, footnote numbers.

One typo in a symbol must not take the site down: whatever goes into a URL is checked at every
door (model validation, admin forms, the importer, the upload form) against the very patterns
the URLs use (converters.py), and normalised where the intent is unambiguous (case, spaces,
superscript digits). Anything else is refused with a message that says what to write instead.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .converters import EidConverter, SymbolConverter

SYMBOL_KEY = re.compile(rf"(?:{SymbolConverter.regex})\Z")
# The same for the database (Document's check constraint): \A and \Z mean the same in Python's
# re (SQLite's REGEXP) and PostgreSQL's regular expressions.
SYMBOL_KEY_SQL = rf"\A(?:{SymbolConverter.regex})\Z"
EID = re.compile(rf"(?:{EidConverter.regex})\Z")
# A footnote number as the editors write its calls ([^2], [^*]): see markup.MARKER.
FOOTNOTE_NUMBER_PATTERN = r"[0-9]{1,3}|\*"
FOOTNOTE_NUMBER = re.compile(rf"(?:{FOOTNOTE_NUMBER_PATTERN})\Z")
SYMBOL_MAX = 80  # Document.symbol's max_length
EID_MAX = 40

# Symbol parts the UN writes in mixed case (A/79/L.1/Rev.1, A/C.3/79/L.2/Add.1); the rest is capitals.
_MIXED_CASE = re.compile(r"(?<=/)(REV|ADD|CORR|AMEND|SUB|RES)(?=\.)")


def symbol_key(symbol: str) -> str:
    """The symbol as it appears in URLs (no spaces): S/RES/2719 (2023) → S/RES/2719(2023)."""
    return re.sub(r"\s+", "", symbol)


def has_url(key: str) -> bool:
    """Whether a document key can be a URL (a bad one stored before symbols were checked cannot)."""
    return bool(SYMBOL_KEY.match(key or ""))


def normalise_symbol(value: str) -> str:
    """The symbol as the UN writes it, or ValidationError: ' a/79/l.777 ' → 'A/79/L.777'."""
    symbol = unicodedata.normalize("NFKC", value or "")
    symbol = " ".join(symbol.split())
    symbol = re.sub(r"\s*/\s*", "/", symbol)
    symbol = _MIXED_CASE.sub(lambda m: m[1].title(), symbol.upper())
    validate_symbol(symbol)
    return symbol


def validate_symbol(symbol: str) -> None:
    """A symbol must be its own normal form, and make a URL: capitals, slashes, dots, hyphens,
    digits, and a year in brackets after a space (S/RES/2719 (2023))."""
    example = {"example": "A/79/L.124, A/RES/79/1, S/RES/2719 (2023)"}
    if not symbol:
        raise ValidationError(_("Give the document symbol, e.g. %(example)s.") % example, code="required")
    if len(symbol) > SYMBOL_MAX:
        raise ValidationError(_("A symbol has at most %(max)d characters.") % {"max": SYMBOL_MAX}, code="symbol_length")
    spaces_only_before_brackets = re.sub(r" (?=\()", "", symbol)
    if not SYMBOL_KEY.match(spaces_only_before_brackets):
        raise ValidationError(
            _(
                "“%(symbol)s” is not a document symbol: write it as the UN does, e.g. %(example)s "
                "(capital letters, digits, “/”, “.”, “-”; no spaces but before a year in brackets)."
            )
            % {"symbol": symbol, **example},
            code="symbol",
        )
    expected = _MIXED_CASE.sub(lambda m: m[1].title(), symbol.upper())
    if expected != symbol:
        raise ValidationError(
            _("Write the symbol %(expected)s.") % {"expected": expected},
            code="symbol_case",
        )


def normalise_eid(value: str) -> str:
    """A paragraph id in lower case without spaces, or ValidationError: ' OP3 ' → 'op3'."""
    eid = (value or "").strip().lower()
    validate_eid(eid)
    return eid


def validate_eid(eid: str) -> None:
    if len(eid) > EID_MAX or not EID.match(eid):
        raise ValidationError(
            _(
                "“%(eid)s” is not a paragraph id: pp1, op3, op3.a, op3.a.i, pp3bis, sec1, annex1… "
                "(lower-case letters, digits, “.” and “_”, at most %(max)d)."
            )
            % {"eid": eid, "max": EID_MAX},
            code="eid",
        )


def normalise_footnote_number(value: str) -> str:
    """A footnote number in ASCII digits, or ValidationError: ' ² ' → '2'."""
    number = unicodedata.normalize("NFKC", value or "").strip()
    validate_footnote_number(number)
    return number


def validate_footnote_number(number: str) -> None:
    if not FOOTNOTE_NUMBER.match(number):
        raise ValidationError(
            _("“%(number)s” is not a footnote number: 1 to 999, or * (calls are written [^2], [^*]).")
            % {"number": number},
            code="footnote_number",
        )
