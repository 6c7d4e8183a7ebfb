"""The bilingual paragraph form: every language of a paragraph side by side, with footnote
calls shown inline and a version check so that no editor overwrites another's work unseen."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .markup import MARKER, split_markers, with_markers
from .models import Language, Paragraph, ParagraphText

EID_HELP = gettext_lazy(
    "Permanent: pp1… preambular, op1… operative, op2.a sub-paragraphs. A paragraph inserted later "
    "takes the id of the one before it plus “bis”, “ter”, “quater” (pp3bis between pp3 and pp4)."
)


class ParagraphForm(forms.ModelForm):
    class Meta:
        model = Paragraph
        fields = ["eid", "kind", "number", "position"]
        help_texts = {"eid": EID_HELP}

    def __init__(self, *args, languages: list[Language] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = languages if languages is not None else list(Language.objects.all())
        self.texts: dict[str, ParagraphText] = {}
        if self.instance.pk:
            self.fields["eid"].disabled = True
            # prefetched by the admin's queryset when there is one (one query for all paragraphs)
            self.texts = {t.language_id: t for t in self.instance.texts.all()}
        for lang in self.languages:
            text = self.texts.get(lang.code)
            citations = [(c.offset, c.footnote.number) for c in text.citations.all()] if text else []
            self.fields[f"text_{lang.code}"] = forms.CharField(
                label=lang.name,
                required=False,
                initial=with_markers(text.text, citations) if text else "",
                strip=False,
                widget=forms.Textarea(
                    attrs={"rows": 6, "lang": lang.code, "dir": lang.direction, "class": "paragraph-text"}
                ),
                help_text=_("Footnote calls are written [^2]; keep them where the call belongs."),
            )
            self.fields[f"lead_{lang.code}"] = forms.CharField(
                label=_("Opening words in italics (%(language)s)") % {"language": lang.name},
                required=False,
                initial=text.lead if text else "",
                max_length=120,
            )
            self.fields[f"version_{lang.code}"] = forms.IntegerField(
                required=False, initial=text.version if text else 0, widget=forms.HiddenInput
            )

    @property
    def text_fields(self) -> list[tuple[str, ...]]:
        return [
            tuple(f"text_{lang.code}" for lang in self.languages),
            tuple(f"lead_{lang.code}" for lang in self.languages),
            tuple(f"version_{lang.code}" for lang in self.languages),
        ]

    def clean(self):
        cleaned = super().clean()
        document = self.instance.document if self.instance.pk else cleaned.get("document")
        numbers = set(document.footnotes.values_list("number", flat=True)) if document else set()
        for lang in self.languages:
            marked = cleaned.get(f"text_{lang.code}") or ""
            text, citations = split_markers(marked)
            unknown = sorted({n for _o, n in citations if n not in numbers})
            if unknown:
                self.add_error(
                    f"text_{lang.code}", _("No footnote %(n)s in this document.") % {"n": ", ".join(unknown)}
                )
            if "[^" in MARKER.sub("", marked):
                self.add_error(f"text_{lang.code}", _("A footnote call must be written [^number], e.g. [^2]."))
            lead = cleaned.get(f"lead_{lang.code}") or ""
            if lead and not text.startswith(lead):
                self.add_error(f"lead_{lang.code}", _("The opening words must be the first words of the text."))
            stored = self.texts.get(lang.code)
            submitted = cleaned.get(f"version_{lang.code}") or 0
            if stored and stored.version != submitted:
                current = with_markers(stored.text, [(c.offset, c.footnote.number) for c in stored.citations.all()])
                self.add_error(
                    f"text_{lang.code}",
                    _(
                        "Someone saved this %(language)s text while you were editing it. Nothing was saved. "
                        "Their version is now in the box below your text; merge your change into it and save again. "
                        "Your version: “%(yours)s”"
                    )
                    % {"language": lang.name, "yours": marked},
                )
                self.data = self.data.copy()
                self.data[self.add_prefix(f"text_{lang.code}")] = current
                self.data[self.add_prefix(f"version_{lang.code}")] = stored.version
            cleaned[f"_parsed_{lang.code}"] = (text, citations, lead)
        return cleaned

    @transaction.atomic
    def save_texts(self) -> None:
        paragraph = self.instance
        footnotes = {f.number: f for f in paragraph.document.footnotes.all()}
        for lang in self.languages:
            text, citations, lead = self.cleaned_data[f"_parsed_{lang.code}"]
            stored = self.texts.get(lang.code)
            if stored is None and not text:
                continue
            if stored is None:
                stored = ParagraphText(paragraph=paragraph, language=lang, version=0)
            # lock the row and re-check: two saves at the same moment cannot both pass
            if stored.pk:
                locked = ParagraphText.objects.select_for_update().get(pk=stored.pk)
                if locked.version != stored.version:
                    raise forms.ValidationError(_("Someone saved this text at the same moment; reload the page."))
            if stored.pk and (text, lead, citations) == (
                stored.text,
                stored.lead,
                [(c.offset, c.footnote.number) for c in stored.citations.all()],
            ):
                continue
            stored.text, stored.lead = text, lead
            stored.calls = [[o, n] for o, n in citations]
            stored.version += 1
            stored.save()
            stored.set_calls(citations, footnotes)
