"""What the JSON API's query parameters accept: Django forms whose fields validate a query string
and describe themselves in JSON Schema. openapi.py builds each parameter's description from these
fields, so the description states exactly what the code accepts.

Every parameter is optional and an empty value is the same as leaving it out (`allowEmptyValue`).
Patterns are written once, unanchored, in the common subset of Python and ECMA-262 regular
expressions: fullmatch here, `^…$` in the description.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from reading_room.documents.models import Document

# A date-time of RFC 3339 as Python's datetime can hold it: years 0001–9999, no leap second,
# upper-case T and Z, a fraction of any length (digits past the microsecond are dropped).
_YEAR = r"(?!0000)[0-9]{4}"
DATE_PATTERN = rf"{_YEAR}-[0-9]{{2}}-[0-9]{{2}}"
DATE_TIME_PATTERN = rf"{DATE_PATTERN}T[0-9]{{2}}:[0-9]{{2}}:[0-5][0-9](\.[0-9]+)?(Z|[+-][0-9]{{2}}:[0-9]{{2}})"
LANGUAGE_PATTERN = r"[a-z]{2,3}"
# A symbol as documents print it (spaces allowed: S/RES/2719 (2023)), compared without its spaces.
CITED_SYMBOL_PATTERN = r"[A-Z][A-Za-z0-9.\-]*(/[A-Za-z0-9.\-() ]+)+"


def anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


class WholeNumberField(forms.IntegerField):
    """An integer in ASCII digits, as `type: integer` reads in a URL: int() alone also takes '٣',
    ' 3', '3_0' and forms.IntegerField '3.0'. Bounded both ways, as the description says."""

    def __init__(self, *, min_value: int, max_value: int, default: int | None = None, **kwargs: Any) -> None:
        self.default = default
        super().__init__(min_value=min_value, max_value=max_value, required=False, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return self.default
        try:
            if not re.fullmatch(r"-?[0-9]+", str(value)):
                raise ValueError(value)
            return int(value)
        except ValueError:  # also past int()'s 4,300 digits, far beyond max_value
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def schema(self) -> dict:
        schema = {"type": "integer", "minimum": self.min_value, "maximum": self.max_value}
        return schema if self.default is None else {**schema, "default": self.default}


class PatternField(forms.CharField):
    """A string matching a pattern, taken as sent (no stripping: the pattern decides). `example`
    goes into the description (a value the test data answers)."""

    def __init__(self, pattern: str, required: bool = False, example: str = "", **kwargs: Any) -> None:
        self.pattern, self.example = pattern, example
        super().__init__(required=required, strip=False, **kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and not re.fullmatch(self.pattern, value):
            raise ValidationError("Enter a value matching %(pattern)s.", params={"pattern": anchored(self.pattern)})

    def schema(self) -> dict:
        return {"type": "string", "pattern": anchored(self.pattern)}


class EnumField(forms.ChoiceField):
    def __init__(self, choices: Any, **kwargs: Any) -> None:
        values = ", ".join(value for value, _label in choices)
        messages = {"invalid_choice": f"Select one of {values}."}
        super().__init__(choices=choices, required=False, error_messages=messages, **kwargs)

    def schema(self) -> dict:
        return {"type": "string", "enum": [value for value, _label in self.choices]}


class MomentField(forms.Field):
    """A date (midnight UTC) or an RFC 3339 date-time, as an aware UTC datetime. An offset that
    carries the moment past what datetime holds (9999-12-31T23:59:59-23:59) is clamped there."""

    default_error_messages = {"invalid": "Enter a date (2025-01-31) or a date-time (2025-01-31T09:30:00Z)."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        try:
            if re.fullmatch(DATE_PATTERN, value):
                return datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time(), datetime.UTC)
            if re.fullmatch(DATE_TIME_PATTERN, value):
                moment = datetime.datetime.fromisoformat(value)
            else:
                raise ValueError(value)
        except ValueError:  # no such day or hour, or an offset of a day or more
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            ahead = moment.utcoffset() > datetime.timedelta(0)  # east of UTC: earlier than the clock says
            return (datetime.datetime.min if ahead else datetime.datetime.max).replace(tzinfo=datetime.UTC)

    def schema(self) -> dict:
        return {
            "type": "string",
            "anyOf": [
                {"format": "date", "pattern": anchored(DATE_PATTERN)},
                {"format": "date-time", "pattern": anchored(DATE_TIME_PATTERN)},
            ],
        }


class QueryForm(forms.Form):
    def error_message(self) -> str:
        """One line naming each parameter at fault: 'session: Enter a whole number.' In English, as
        the API's other messages are, whatever language the client's browser prefers."""
        with translation.override("en"):
            return " ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())


class DocumentListQuery(QueryForm):
    body = EnumField(Document.Body.choices, help_text="Organ.")
    kind = EnumField(Document.Kind.choices, help_text="Kind of document.")
    # Document.session is a PositiveSmallIntegerField.
    session = WholeNumberField(min_value=1, max_value=32767, help_text="Session number.")
    language = PatternField(LANGUAGE_PATTERN, help_text="Has a published text in this language (en, fr).")
    cites = PatternField(
        CITED_SYMBOL_PATTERN, help_text="Cites this symbol (A/RES/59/48, S/RES/2719 (2023)); spaces do not count."
    )
    updated_since = MomentField(
        help_text="Changed at or after: a date (2025-01-31, midnight UTC) or an RFC 3339 date-time "
        "(2025-01-31T09:30:00Z, 2025-01-31T11:30:00+02:00) with upper-case T and Z, seconds 00–59 and "
        "years 0001–9999."
    )
    page = WholeNumberField(min_value=1, max_value=2**31 - 1, default=1, help_text="Page number.")
    per_page = WholeNumberField(min_value=1, max_value=100, default=20, help_text="Page size.")


# GET /api/compare (reading_room/compare/api.py). "from" is a keyword: the form is made by its metaclass.
CompareQuery = type(
    "CompareQuery",
    (QueryForm,),
    {
        "from": PatternField(
            CITED_SYMBOL_PATTERN,
            required=True,
            example="A/79/L.124",
            help_text="The earlier document's symbol (A/79/L.124, S/RES/2719 (2023)); spaces do not count.",
        ),
        "to": PatternField(
            CITED_SYMBOL_PATTERN,
            required=True,
            example="A/79/L.124",
            help_text="The later document's symbol (A/80/L.20); spaces do not count.",
        ),
        "lang": PatternField(
            LANGUAGE_PATTERN,
            example="en",
            help_text="A language both documents are published in (en, fr); by default en, else the first they share.",
        ),
    },
)
