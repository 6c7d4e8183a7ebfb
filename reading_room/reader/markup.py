"""A paragraph's or a footnote's text as HTML, from the pieces reading.py cuts it into: the words
escaped, the lead ("Recalling") in italics, footnote calls and mentions of other documents as links.

Built here with format_html rather than in the row template: a long resolution has thousands of
pieces, and Django's template language costs some 35 Python calls per variable, which made them a
third of an uncached reader page (docs/performance.md). Everything around the text (rows, cells,
the tools menu) stays in templates/reader/_rows.html.
"""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

EXTERNAL = mark_safe(' rel="external"')  # a document not held here: the link goes to undocs.org


def text_html(pieces: list[dict]) -> SafeString:
    return mark_safe("".join(map(_piece, pieces)))  # noqa: S308 - every piece escaped below


def _piece(piece: dict) -> str:
    if "ref" in piece:
        return format_html(
            '<sup class="fnref"><a id="{}" href="#{}" aria-label="{}">{}</a></sup>',
            piece["id"],
            piece["note"],
            piece["label"],
            piece["ref"],
        )
    text = format_html("<i>{}</i>", piece["text"]) if piece.get("italic") else escape(piece["text"])
    if "href" in piece:
        rel = EXTERNAL if piece["external"] else ""
        return format_html('<a class="xref" href="{}" title="{}"{}>{}</a>', piece["href"], piece["target"], rel, text)
    return text
