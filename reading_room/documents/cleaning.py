"""Texts as they are stored: no control characters, Unix newlines.

A vertical tab or an escape typed (or pasted) into the admin is invisible there, but XML cannot
carry it: the Akoma Ntoso export and the Atom feed failed on it. The importer drops such
characters from the files it reads (parsing.blocks.normalize); every other save goes through
`clean_text` too: the admin's form fields (so that what the editor sees is what is stored, and an
unchanged form is seen as unchanged), and a pre_save handler on the documents' models for writes
made anywhere else.
"""

from __future__ import annotations

import re

from django import forms
from django.db import models

# C0 and C1 control characters but tab and newline (a lone CR becomes a newline first), and the
# two non-characters XML 1.0 forbids.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(value: str) -> str:
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)


class CleanCharField(forms.CharField):
    """A text field that stores clean text, and calls a form unchanged when, cleaned, it is: a
    browser posts a textarea's newlines as CRLF, and Django strips spaces from what it posts."""

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def has_changed(self, initial, data) -> bool:
        if self.disabled:
            return False
        return self.to_python(initial) != self.to_python(data)


def clean_fields(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: every text column of the instance, cleaned."""
    if raw:
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                cleaned = clean_text(value)
                if cleaned is not value and cleaned != value:
                    setattr(instance, field.attname, cleaned)
