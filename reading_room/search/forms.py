"""The search URL's parameters, cleaned by a form: a value that is not valid is dropped, never an error."""

from __future__ import annotations

from django import forms

from reading_room.documents.models import Document

from .models import SearchEntry


class QueryText(forms.CharField):
    """Any text: text.clean() turns control characters into spaces, NUL as any other."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", " ")


class SearchForm(forms.Form):
    q = QueryText(required=False)  # cut, not refused, when too long (Params)
    lang = forms.ChoiceField(required=False)
    body = forms.ChoiceField(required=False, choices=Document.Body.choices)
    session = forms.IntegerField(required=False, min_value=1, max_value=9_999)
    type = forms.ChoiceField(required=False, choices=Document.Kind.choices)
    sponsor = forms.RegexField(r"^[A-Za-z]{3}\Z", required=False)  # an ISO 3166 alpha-3 code
    kind = forms.ChoiceField(required=False, choices=SearchEntry.Kind.choices)
    opening = forms.CharField(required=False, max_length=120)
    page = forms.IntegerField(required=False, min_value=1, max_value=99_999)

    def __init__(self, data, languages: list[str]):
        super().__init__(data)
        self.fields["lang"].choices = [(code, code) for code in languages]

    def clean_sponsor(self) -> str:
        return self.cleaned_data["sponsor"].upper()

    def valid_data(self) -> dict:
        """The values that are valid (the others dropped), empty ones left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
