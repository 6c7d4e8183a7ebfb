"""The editors' tool: documents with every paragraph's languages side by side, footnotes,
sponsors and history. Other packages add their pieces by subclassing these admins (ingest: the
upload and the review queue's links; search: finding paragraphs by their words)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import restructure
from .cleaning import CleanCharField
from .forms import DocumentForm, FootnoteForm, LockedTextForm, ParagraphForm, query_id
from .history import revert_text
from .models import (
    Document,
    DocumentText,
    Footnote,
    FootnoteText,
    Language,
    Paragraph,
    ParagraphText,
    Sponsorship,
    State,
    StateName,
)
from .textdiff import word_diff

# Every text field of the admin stores clean text and is compared as such (cleaning.py).
CLEAN_TEXT = {
    models.CharField: {"form_class": CleanCharField},
    models.TextField: {"form_class": CleanCharField, "max_length": settings.TEXT_MAX_CHARS},
}


class SafeAdmin:
    """What every admin page of the site does, those of other apps too (users, groups, login
    attempts: `make_safe`). A form that changes nothing writes nothing: no save (no history row,
    no `updated` bump), no log entry; inline formsets already save only the forms that changed.
    An empty ?_to_field= is no field at all (Django looked up a field named "": a 500)."""

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        if message:
            return super().log_change(request, obj, message)
        return None

    def get_object(self, request, object_id, from_field=None):
        return super().get_object(request, object_id, from_field or None)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BoundedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _is_key(field, value) -> bool:
    """Whether `value` can be looked up as this (primary or to_field) key: of its type, and for a
    number, one the database's integers hold."""
    try:
        key = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(key, int):
        low, high = connection.ops.integer_field_range("BigIntegerField")
        return low <= key <= high
    return True


class BoundedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget looks up the chosen value to show its label: after a refused
    save, a value that is no id ("²", a number past the database's integers) was a 500."""

    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.get_field(self.field.remote_field.field_name)
        return super().optgroups(name, [v for v in value if v in ("", None) or _is_key(key, v)], attr)


class BoundedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """An id past the database's integers is no choice, not an error (Django queried it: on SQLite
    an OverflowError, a 500; a group's permissions were one)."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for pk in value or ():
            if not _is_key(key, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(pk)[:20]}
                )
        return super()._check_values(value)


def make_safe(site: admin.AdminSite) -> None:
    """Give every model admin registered on the site SafeAdmin (apps.ready: after autodiscover)."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, SafeAdmin):
            cls = type(model_admin)
            site.unregister(model)
            site.register(model, type(cls.__name__, (SafeAdmin, cls), {"__module__": cls.__module__}))


class EditorAdmin(SafeAdmin):
    """What every editing page of ours does with a save: texts stored clean; an unchanged form
    writes nothing; an id in a history URL that is not one is not found (not an error)."""

    formfield_overrides = CLEAN_TEXT

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _id_or_404(self.model._meta.pk, object_id)
        _id_or_404(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        _id_or_404(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)


def _id_or_404(field, value: str) -> None:
    """django-simple-history looks ids up as they come: "abc" or "²" for a number was a 500."""
    try:
        field.to_python(unquote(value))
    except ValidationError as exc:
        raise Http404 from exc


class LabelledFormSet(forms.BaseInlineFormSet):
    """A tabular inline's fields named for assistive technology: the column header is no <label>,
    so each field gets one in aria-label ("Kind, op3"; axe: label, select-name)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = str(form.instance) if form.instance.pk else _("new row")
        if getattr(form.instance, "eid", ""):
            row = form.instance.eid
        for name, field in form.fields.items():
            if not field.widget.is_hidden:
                label = _("Delete") if name == "DELETE" else field.label or name
                field.widget.attrs.setdefault("aria-label", f"{label}, {row}")


class DocumentTextInline(admin.StackedInline):
    model = DocumentText
    form = LockedTextForm
    formfield_overrides = CLEAN_TEXT
    extra = 0
    fields = [
        "language",
        "published",
        "title",
        "agenda_title",
        "enacting_formula",
        "sponsor_note",
        "header_lines",
        "closing_lines",
        "shown_version",
    ]


class StateSelect(AutocompleteSelect):
    """Django's autocomplete widget asks the database for each row's chosen State, and its names for
    the label: two queries a sponsor, and a resolution has up to a hundred and ninety. This one
    takes the labels loaded once for the page."""

    def __init__(self, *args, labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options += [self.create_option(name, pk, self.labels.get(pk, pk), True, i + 1) for i, pk in enumerate(chosen)]
        return [(None, options, 0)]


class SponsorshipInline(admin.TabularInline):
    model = Sponsorship
    formset = LabelledFormSet
    extra = 0
    autocomplete_fields = ["state"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state").prefetch_related("state__names")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "state":
            labels = {str(state.pk): str(state) for state in State.objects.prefetch_related("names")}
            kwargs["widget"] = StateSelect(db_field, self.admin_site, labels=labels, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FootnoteInline(admin.TabularInline):
    model = Footnote
    formset = LabelledFormSet
    form = FootnoteForm
    extra = 0
    fields = ["number", "position", "texts"]
    readonly_fields = ["texts"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("texts")

    @admin.display(description=_("text"))
    def texts(self, obj: Footnote):
        """Each language's text (edited on the footnote's own page: "Change")."""
        return format_html_join(
            "",
            '<p class="footnote-text" lang="{}"><span class="lang-tag">{}</span> {}</p>',
            ((t.language_id, t.language_id.upper(), t.text) for t in obj.texts.all()),
        )

    def get_max_num(self, request, obj=None, **kwargs):
        return settings.DOCUMENT_MAX_FOOTNOTES

    def get_formset(self, request, obj=None, **kwargs):
        limit = settings.DOCUMENT_MAX_FOOTNOTES  # and no more forms built, whatever TOTAL_FORMS says
        return super().get_formset(request, obj, validate_max=True, absolute_max=limit, **kwargs)


class ParagraphFormSet(LabelledFormSet):
    """Hands every form the same language list (one query, not one per paragraph), and the parts
    of the texts the page shows (not their opening words: a form saves only what it shows)."""

    parts = ("text", "version")

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["languages"] = self.languages
        kwargs["parts"] = self.parts
        return kwargs

    def save_existing(self, form, obj, commit=True):
        """The paragraph row is saved only if its own columns changed: an edited text is saved by
        DocumentAdmin.save_formset (ParagraphForm.save_texts), and writes no paragraph history."""
        return super().save_existing(form, obj, commit) if form.row_changed else obj


class ParagraphInline(admin.TabularInline):
    """Each paragraph in one row, its languages side by side, editable."""

    model = Paragraph
    form = ParagraphForm
    formset = ParagraphFormSet
    extra = 0
    show_change_link = True
    classes = ["paragraphs-side-by-side"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document").prefetch_related("texts")

    def get_formset(self, request, obj=None, **kwargs):
        languages = list(Language.objects.all())
        kwargs["fields"] = ["position", "eid", "kind", "number"]
        limit = settings.DOCUMENT_MAX_PARAGRAPHS  # and no more forms built, whatever TOTAL_FORMS says
        formset = super().get_formset(request, obj, validate_max=True, absolute_max=limit, **kwargs)
        formset.languages = languages
        return formset

    def get_max_num(self, request, obj=None, **kwargs):
        return settings.DOCUMENT_MAX_PARAGRAPHS

    def get_fields(self, request, obj=None):
        codes = [lang.code for lang in Language.objects.all()]
        return ["position", "eid", "kind", "number"] + [f"text_{c}" for c in codes] + [f"version_{c}" for c in codes]


class DocumentFilter(admin.SimpleListFilter):
    """By document: the one chosen and the most recently changed, not every document of the corpus
    (thousands: the sidebar would outweigh the list). Any other is reached by searching its
    symbol, or from its own page's links (the same parameter as Django's own filter)."""

    title = _("document")
    parameter_name = "document__id__exact"
    RECENT = 15

    def lookups(self, request, model_admin):
        documents = list(Document.objects.order_by("-updated", "-id")[: self.RECENT].values_list("pk", "symbol"))
        chosen = self._pk()
        if chosen is not None and chosen not in {pk for pk, _symbol in documents}:
            documents = list(Document.objects.filter(pk=chosen).values_list("pk", "symbol")) + documents
        return [(str(pk), symbol) for pk, symbol in documents]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        chosen = self._pk()
        return queryset.none() if chosen is None else queryset.filter(document_id=chosen)

    def _pk(self) -> int | None:
        """The chosen document's id, if the parameter is one."""
        return query_id(self.value())


@admin.register(Document)
class DocumentAdmin(EditorAdmin, SimpleHistoryAdmin):
    form = DocumentForm
    list_display = ["symbol", "kind", "status", "date", "session", "updated"]
    list_filter = ["status", "body", "kind", "session"]
    search_fields = ["symbol", "texts__title"]
    inlines = [DocumentTextInline, SponsorshipInline, ParagraphInline, FootnoteInline]
    readonly_fields = ["created", "updated", "reader_link", "paragraphs_link"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "symbol",
                    "status",
                    ("reader_link", "paragraphs_link"),
                    ("body", "kind"),
                    ("session", "agenda_item"),
                    ("distribution", "date", "original_language"),
                ]
            },
        ),
        (_("Import"), {"fields": [("created", "updated")]}),
    ]

    class Media:
        css = {"all": ["admin-extra/reading-room-admin.css"]}

    def get_inlines(self, request, obj):
        """The paragraphs side by side, unless there are too many for one page (each row costs 4–6
        ms to build): then they are edited from the paragraph list (paragraphs_link)."""
        if obj is not None and obj.paragraphs.count() > settings.ADMIN_INLINE_PARAGRAPHS:
            return [inline for inline in self.inlines if inline is not ParagraphInline]
        return self.inlines

    @admin.display(description=_("paragraphs"))
    def paragraphs_link(self, obj: Document):
        if not obj.pk:
            return ""
        count = obj.paragraphs.count()
        url = reverse("admin:documents_paragraph_changelist") + f"?document__id__exact={obj.pk}"
        if count > settings.ADMIN_INLINE_PARAGRAPHS:
            note = _("%(count)d: too many to edit on this page; edit them in the paragraph list") % {"count": count}
        else:
            note = _("%(count)d, below; also in the paragraph list") % {"count": count}
        return format_html('<a href="{}">{}</a>', url, note)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Paragraph:
            for paragraph_form in formset.forms:
                if paragraph_form.instance.pk and paragraph_form not in formset.deleted_forms:
                    paragraph_form.save_texts()

    @admin.display(description=_("reader"))
    def reader_link(self, obj: Document):
        if not obj.pk:
            return ""
        if not obj.has_url:  # stored before symbols were checked: to be corrected here
            return _("none: the symbol cannot be part of a URL; correct it")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.symbol)

    def view_on_site(self, obj: Document):
        return obj.get_absolute_url() if obj.has_url else None


@admin.register(Paragraph)
class ParagraphAdmin(EditorAdmin, SimpleHistoryAdmin):
    form = ParagraphForm
    list_display = ["document", "eid", "kind", "number", "position"]
    list_filter = ["kind", DocumentFilter]
    # the latest documents first, by column: Meta.ordering's "document" sorts by the document's own
    # ordering, a join and a sort of every paragraph in the corpus
    ordering = ["-document_id", "position"]
    search_fields = ["eid", "document__symbol"]  # and the texts' words: search/admin.py
    list_select_related = ["document"]
    readonly_fields = ["document"]

    class Media:
        css = {"all": ["admin-extra/reading-room-admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("texts")

    def get_fieldsets(self, request, obj=None):
        codes = [lang.code for lang in Language.objects.all()]
        return [
            (None, {"fields": ["document", ("eid", "kind", "number", "position")]}),
            (
                _("Texts"),
                {
                    "fields": [
                        tuple(f"text_{c}" for c in codes),
                        tuple(f"lead_{c}" for c in codes),
                        tuple(f"version_{c}" for c in codes),
                    ],
                    "classes": ["side-by-side"],
                },
            ),
        ]

    change_form_template = "admin/documents/paragraph/change_form.html"
    actions = ["merge_with_next"]

    @admin.action(description=_("Merge the selected paragraph with the next one"), permissions=["change"])
    def merge_with_next(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, _("Select exactly one paragraph."))
            return
        paragraph = queryset.get()
        try:
            merged = restructure.merge_with_next(paragraph)
        except restructure.RestructureError as exc:
            messages.error(request, str(exc))
            return
        messages.success(request, _("Merged into %(eid)s; the old id now leads there.") % {"eid": merged.eid})

    def split_view(self, request, object_id: int):
        """Split a paragraph in two: the editor marks the place with ‖ in every language."""
        paragraph = get_object_or_404(Paragraph.objects.select_related("document"), pk=object_id)
        if not self.has_change_permission(request, paragraph):
            raise PermissionDenied
        texts = {t.language_id: t.text for t in paragraph.texts.all()}
        if request.method == "POST":
            marked = {code: request.POST.get(f"text_{code}", "") for code in texts}
            try:
                new = restructure.split(paragraph, marked)
            except restructure.RestructureError as exc:
                messages.error(request, str(exc))
                texts = marked
            else:
                messages.success(request, _("Split: the second part is %(eid)s.") % {"eid": new.eid})
                return redirect("admin:documents_paragraph_change", new.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": paragraph,
            "title": _("Split %(p)s") % {"p": paragraph},
            "texts": texts,
            "new_eid": restructure.next_free_eid(paragraph),
            "mark": restructure.SPLIT_MARK,
        }
        return render(request, "admin/documents/paragraph/split.html", context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = ["eid", "kind", "number", "position"]  # the texts are the form's own fields
        return super().get_form(request, obj, change, **kwargs)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/texts/history/",
                self.admin_site.admin_view(self.texts_history_view),
                name="documents_paragraph_texts_history",
            ),
            path(
                "<int:object_id>/split/", self.admin_site.admin_view(self.split_view), name="documents_paragraph_split"
            ),
            *super().get_urls(),
        ]

    def texts_history_view(self, request, object_id: int):
        """Every saved version of the paragraph's texts: word-level diff of any two, and revert."""
        paragraph = get_object_or_404(Paragraph.objects.select_related("document"), pk=object_id)
        if not self.has_view_permission(request, paragraph):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, paragraph):
                raise PermissionDenied
            chosen = query_id(request.POST.get("revert"))
            if chosen is None:
                raise Http404
            record = get_object_or_404(ParagraphText.history, history_id=chosen, paragraph_id=paragraph.pk)
            revert_text(record)
            messages.success(
                request,
                _("Restored the %(language)s text of %(date)s.")
                % {"language": record.language_id, "date": record.history_date.strftime("%Y-%m-%d %H:%M")},
            )
            return redirect(request.path)
        records = list(
            ParagraphText.history.filter(paragraph_id=paragraph.pk)
            .select_related("history_user")
            .order_by("language_id", "-history_date", "-history_id")
        )
        languages = []
        codes = list(dict.fromkeys(r.language_id for r in records))
        chosen_by_code = {code: [i for v in request.GET.getlist(code) if (i := query_id(v))] for code in codes}
        for code in codes:
            versions = [r for r in records if r.language_id == code]
            chosen = set(chosen_by_code[code])
            pair = [r for r in versions if r.history_id in chosen][:2] or versions[:2]
            newer, older = pair[0], pair[-1]  # versions are newest first
            languages.append(
                {
                    "code": code,
                    "versions": versions,
                    "newer": newer,
                    "older": older,
                    "diff": word_diff(older.text, newer.text),
                    # the versions chosen in the other languages, kept when comparing in this one
                    "others": [(other, v) for other in codes if other != code for v in chosen_by_code[other]],
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": paragraph,
            "title": _("History of the texts of %(p)s") % {"p": paragraph},
            "languages": languages,
            "can_change": self.has_change_permission(request, paragraph),
        }
        return render(request, "admin/documents/paragraph/texts_history.html", context)

    def has_add_permission(self, request):
        return False  # paragraphs are added from their document's page

    def view_on_site(self, obj: Paragraph):
        return obj.get_absolute_url() if obj.document.has_url else None

    def save_model(self, request, obj, form, change):
        if not change or form.row_changed:  # not the paragraph row (nor its history) for a text edit
            super().save_model(request, obj, form, change)
        form.save_texts()


class FootnoteTextInline(admin.TabularInline):
    model = FootnoteText
    form = LockedTextForm
    formfield_overrides = CLEAN_TEXT
    extra = 0
    fields = ["language", "text", "shown_version"]


@admin.register(Footnote)
class FootnoteAdmin(EditorAdmin, SimpleHistoryAdmin):
    form = FootnoteForm
    list_display = ["document", "number"]
    list_select_related = ["document"]
    inlines = [FootnoteTextInline]


class StateNameInline(admin.TabularInline):
    model = StateName
    formfield_overrides = CLEAN_TEXT
    extra = 0


@admin.register(State)
class StateAdmin(EditorAdmin, admin.ModelAdmin):
    search_fields = ["iso3", "names__name"]
    inlines = [StateNameInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, _may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.prefetch_related("names"), True


@admin.register(Language)
class LanguageAdmin(EditorAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "direction", "position"]
