"""The editors' forms: the bilingual paragraph form (every language of a paragraph side by side,
footnote calls shown inline), and the forms of document and footnote texts. Each saves only the
fields it shows, and checks a version so that no editor overwrites another's work unseen."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import identifiers
from .cleaning import CleanCharField
from .markup import MARKER, split_markers, with_markers
from .models import Language, Paragraph, ParagraphText

EID_HELP = gettext_lazy(
    "Permanent: pp1… preambular, op1… operative, op2.a sub-paragraphs. A paragraph inserted later "
    "takes the id of the one before it plus “bis”, “ter”, “quater” (pp3bis between pp3 and pp4)."
)


class _IdForm(forms.Form):
    id = forms.IntegerField(min_value=1, max_value=2**63 - 1)  # a bigint primary key


def query_id(value: str | None) -> int | None:
    """An id given in a query string or a button's value, or None if the value is no id ("abc";
    "²", a digit to str.isdigit() but not to int(); more than a bigint holds): the caller
    ignores it or answers 404, never a 500."""
    form = _IdForm({"id": value})
    return form.cleaned_data["id"] if form.is_valid() else None


def _locked(model, pks: list[int]) -> dict:
    """The rows as they are now, locked until the admin's transaction ends (PostgreSQL; SQLite
    writes one transaction at a time): two saves at the same moment cannot both pass the check."""
    rows = model.objects.filter(pk__in=pks)
    if connection.in_atomic_block:
        rows = rows.select_for_update()
    return {row.pk: row for row in rows}


def _shown(model, pk: int, version: int | None):
    """The row as the editor was shown it: its history at that version (None if not found)."""
    if not version:
        return None
    return model.history.filter(id=pk, version=version).order_by("-history_id").first()


def _stored_texts_may_stay(form: forms.Form) -> None:
    """A text longer than the limit (stored before it, or before it was lowered) may be saved as it
    is, or shorter: only a text made longer than both is refused."""
    for name, field in form.fields.items():
        if isinstance(field, CleanCharField) and field.max_length:
            stored = len(form.get_initial_for_field(field, name) or "")
            if stored > field.max_length:
                field.max_length = field.widget.attrs["maxlength"] = stored
                field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
                field.validators.append(MaxLengthValidator(stored))


def _forget_changes(form: forms.Form) -> None:
    """After the form's data or initial values were replaced: what changed is worked out again."""
    form.__dict__.pop("changed_data", None)
    form._bound_fields_cache.clear()


# Both versions shown: theirs in the box, the editor's in the message.
CONFLICT = gettext_lazy(
    "Someone saved this %(language)s text while you were editing it. Nothing was saved. "
    "Their version is now in the box below your text; merge your change into it and save again. "
    "Your version: “%(yours)s”"
)
FIELD_CONFLICT = gettext_lazy(
    "Someone saved this field (%(field)s) while you were editing it. Nothing was saved. Their version "
    "is now in the box; merge your change into it and save again. Your version: “%(yours)s”"
)


class ParagraphForm(forms.ModelForm):
    PARTS = ("text", "lead", "version")  # per language: the text with its calls, its italic opening, its version

    class Meta:
        model = Paragraph
        fields = ["eid", "kind", "number", "position"]
        help_texts = {"eid": EID_HELP}

    def __init__(self, *args, languages: list[Language] | None = None, parts: tuple[str, ...] = PARTS, **kwargs):
        """`parts`: the per-language fields the page shows. The others are not fields at all, so
        what the page does not show is never saved (the document page shows no opening words)."""
        super().__init__(*args, **kwargs)
        self.languages = languages if languages is not None else list(Language.objects.all())
        self.parts = parts
        self.texts: dict[str, ParagraphText] = {}
        if self.instance.pk:
            self.fields["eid"].disabled = True
            # prefetched by the admin's queryset when there is one (one query for all paragraphs)
            self.texts = {t.language_id: t for t in self.instance.texts.all()}
        for lang in self.languages:
            text = self.texts.get(lang.code)
            self.fields[f"text_{lang.code}"] = CleanCharField(
                label=lang.name,
                required=False,
                initial=self._marked(text) if text else "",
                strip=False,
                max_length=settings.TEXT_MAX_CHARS,
                widget=forms.Textarea(
                    attrs={"rows": 6, "lang": lang.code, "dir": lang.direction, "class": "paragraph-text"}
                ),
                help_text=_("Footnote calls are written [^2]; keep them where the call belongs."),
            )
            if "lead" in parts:
                self.fields[f"lead_{lang.code}"] = CleanCharField(
                    label=_("Opening words in italics (%(language)s)") % {"language": lang.name},
                    required=False,
                    initial=text.lead if text else "",
                    max_length=120,
                )
            self.fields[f"version_{lang.code}"] = forms.IntegerField(
                required=False, initial=text.version if text else 0, widget=forms.HiddenInput
            )
        _stored_texts_may_stay(self)

    @staticmethod
    def _marked(text: ParagraphText) -> str:
        return with_markers(text.text, text.get_calls())

    @property
    def text_fields(self) -> list[tuple[str, ...]]:
        return [tuple(f"{part}_{lang.code}" for lang in self.languages) for part in self.parts]

    @property
    def row_changed(self) -> bool:
        """Whether the paragraph's own columns changed (not only its texts)."""
        return any(name in self._meta.fields for name in self.changed_data)

    def clean_eid(self):
        eid = self.cleaned_data["eid"]
        return eid if self.fields["eid"].disabled else identifiers.normalise_eid(eid)

    def clean(self):
        cleaned = super().clean()
        document = self.instance.document if self.instance.pk else cleaned.get("document")
        numbers = set(document.footnotes.values_list("number", flat=True)) if document else set()
        if self.texts and self.has_changed():  # the texts as they are now, locked
            locked = _locked(ParagraphText, [t.pk for t in self.texts.values()])
            for code, stored in list(self.texts.items()):
                current = locked.get(stored.pk)
                if current is not None and current.version != stored.version:
                    self.texts[code] = current
        for lang in self.languages:
            if f"text_{lang.code}" in self.errors:
                continue
            marked = cleaned.get(f"text_{lang.code}") or ""
            text, citations = split_markers(marked)
            unknown = sorted({n for _o, n in citations if n not in numbers})
            if unknown:
                self.add_error(
                    f"text_{lang.code}", _("No footnote %(n)s in this document.") % {"n": ", ".join(unknown)}
                )
            if "[^" in MARKER.sub("", marked):
                self.add_error(f"text_{lang.code}", _("A footnote call must be written [^number], e.g. [^2]."))
            stored = self.texts.get(lang.code)
            shown_lead = "lead" in self.parts
            stored_lead = stored.lead if stored else ""  # kept when not shown
            lead = (cleaned.get(f"lead_{lang.code}") or "") if shown_lead else stored_lead
            submitted = cleaned.get(f"version_{lang.code}") or 0
            if stored and stored.version != submitted:
                seen = _shown(ParagraphText, stored.pk, submitted)
                if (
                    seen is not None
                    and (text, [[o, n] for o, n in citations]) == (seen.text, seen.calls)
                    and (not shown_lead or lead == seen.lead)
                ):
                    # this editor left it as they were shown it: what someone saved since stays
                    text, citations, lead = stored.text, stored.get_calls(), stored.lead
                    self._show(lang, self._marked(stored), stored)
                else:
                    self.add_error(f"text_{lang.code}", CONFLICT % {"language": lang.name, "yours": marked})
                    self._show(lang, self._marked(stored), stored)
            if shown_lead:
                if lead and not text.startswith(lead):
                    self.add_error(f"lead_{lang.code}", _("The opening words must be the first words of the text."))
            elif lead and not text.startswith(lead):  # not shown here: kept as stored, and must still open the text
                self.add_error(
                    f"text_{lang.code}",
                    _(
                        "The text must still begin with its opening words in italics, “%(lead)s”; "
                        "to change them, edit the paragraph on its own page."
                    )
                    % {"lead": lead},
                )
            cleaned[f"_parsed_{lang.code}"] = (text, citations, lead)
        return cleaned

    def _show(self, lang: Language, marked: str, stored: ParagraphText) -> None:
        """Put the stored text and its version in the form (what it shows again, and compares with)."""
        self.data = self.data.copy()
        self.data[self.add_prefix(f"text_{lang.code}")] = marked
        self.data[self.add_prefix(f"version_{lang.code}")] = stored.version
        if "lead" in self.parts:
            self.data[self.add_prefix(f"lead_{lang.code}")] = stored.lead
        self.fields[f"text_{lang.code}"].initial = marked
        self.fields[f"version_{lang.code}"].initial = stored.version
        _forget_changes(self)

    @transaction.atomic
    def save_texts(self) -> None:
        paragraph = self.instance
        numbers = set(paragraph.document.footnotes.values_list("number", flat=True))
        for lang in self.languages:
            text, citations, lead = self.cleaned_data[f"_parsed_{lang.code}"]
            stored = self.texts.get(lang.code)
            if stored is None and not text:
                continue
            if stored is None:
                stored = ParagraphText(paragraph=paragraph, language=lang, version=0)
            if stored.pk and (text, lead, citations) == (stored.text, stored.lead, stored.get_calls()):
                continue
            stored.text, stored.lead = text, lead
            stored.set_calls(citations, numbers)
            stored.version += 1
            stored.save()


class DocumentForm(forms.ModelForm):
    """The document's own fields; the symbol written as the UN writes it (identifiers.py)."""

    def clean_symbol(self):
        return identifiers.normalise_symbol(self.cleaned_data["symbol"])


class FootnoteForm(forms.ModelForm):
    def clean_number(self):
        return identifiers.normalise_footnote_number(self.cleaned_data["number"])


class LockedTextForm(forms.ModelForm):
    """A text row (a document's title and masthead, a footnote's text) saved only over the version
    the editor was shown, as paragraph texts are. When someone saved it meanwhile, a field the
    editor left alone keeps what they saved; a field both changed is not saved: the editor sees
    both versions and merges."""

    shown_version = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the version the page shows

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_version"].initial = self.instance.version if self.instance.pk else 0
        _stored_texts_may_stay(self)

    def _own_fields(self) -> list[str]:
        return [name for name in self._meta.fields or () if name in self.fields and name != "shown_version"]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or not self.has_changed():
            return cleaned
        model = type(self.instance)
        current = _locked(model, [self.instance.pk]).get(self.instance.pk)
        if current is None:
            return cleaned
        submitted = cleaned.get("shown_version") or 0
        if current.version != submitted:
            seen = _shown(model, current.pk, submitted)
            self.data = self.data.copy()
            for name in self._own_fields():
                if name not in cleaned:
                    continue
                yours, theirs = cleaned[name], getattr(current, name)
                if seen is not None and yours == getattr(seen, name):
                    cleaned[name] = theirs  # left alone by this editor: what was saved since stays
                elif yours != theirs and (seen is None or theirs != getattr(seen, name)):
                    field = model._meta.get_field(name).verbose_name
                    self.add_error(name, FIELD_CONFLICT % {"field": field, "yours": yours})
                    cleaned[name] = theirs
                self.initial[name] = theirs
                value = cleaned[name]
                self.data[self.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
            self.data[self.add_prefix("shown_version")] = self.initial["shown_version"] = current.version
            _forget_changes(self)
        self.instance.version = current.version + 1
        return cleaned
