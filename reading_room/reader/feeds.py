"""Atom feed of documents recently added or changed (published ones only)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from reading_room.documents.models import Document, DocumentText

from .reading import list_line, sort_key


class RecentDocumentsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Reading Room: new and changed documents")
    subtitle = _("United Nations resolutions, paragraph by paragraph")
    link = reverse_lazy("index")
    feed_url = reverse_lazy("feed")

    def items(self):
        return (
            Document.objects.published()
            .order_by("-updated")
            .prefetch_related(
                Prefetch("texts", queryset=DocumentText.objects.filter(published=True)),
                "sponsorships__state__names",
            )[:30]
        )

    def item_title(self, document: Document) -> str:
        titles = {t.language_id: t.title for t in document.texts.all()}
        title = titles.get("en") or next(iter(titles.values()), "")
        return f"{document.symbol} — {title}" if title else document.symbol

    def item_description(self, document: Document) -> str:
        lines = [f"{t.title} [{t.language_id}]" for t in document.texts.all()]
        names = [
            next((n.name for n in s.state.names.all() if n.language_id == "en"), s.state.iso3)
            for s in document.sponsorships.all()
        ]
        if names:
            lines.append(list_line(sorted(names, key=sort_key), "en"))
        return "\n".join(lines)

    def item_link(self, document: Document) -> str:
        return document.get_absolute_url()

    def item_pubdate(self, document: Document):
        return document.created

    def item_updateddate(self, document: Document):
        return document.updated

    def item_categories(self, document: Document):
        return [document.body, document.kind]
