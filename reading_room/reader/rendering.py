"""The paragraph rows and footnotes of the reader and the paragraph page, rendered by Jinja2.

The project's one exception to Django's template language, kept because it keeps the budget: a
resolution has tens to hundreds of rows, each a dozen branches per piece of text. Written as Django
templates (partials, texts made HTML with format_html) the sample's reader took 20.3 ms on a cache
miss against 13.4 ms here (bench/serve.py, 2026-12-04, idle machine), over the 15 ms budget
(docs/performance.md). The templates (templates/jinja2/reader/) autoescape like every other, and
receive their labels translated here, where makemessages finds them.
"""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .reading import Part, Reading, Row


def labels() -> dict[str, str]:
    return {
        "footnote": _("Footnote %(n)s"),
        "permalink": _("Paragraph page"),
        "permalink_to": _("Paragraph page of %(eid)s"),
        "tools": _("Link, copy or cite %(eid)s"),
        "link_here": _("Link to"),
        "copy": _("Copy link"),
        "copy_link": _("Copy the link to %(eid)s"),
        "cite": _("Cite"),
        "footnotes": _("Footnotes"),
        "back_to": _("Back to %(eid)s"),
    }


def render_rows(rows: list[Row], level: int = 2) -> SafeString:
    """`level`: of the headings among the rows (section headings, annex titles)."""
    return _render("reader/rows.html", {"rows": rows, "level": level})


def render_parts(parts: list[Part]) -> SafeString:
    """The reader's rows in their parts (preamble, operative part, annexes), each a landmark."""
    return _render("reader/rows.html", {"parts": parts, "level": 3})


def render_notes(reading: Reading) -> SafeString:
    return _render("reader/notes.html", {"reading": reading})


def _render(name: str, context: dict) -> SafeString:
    template = engines["jinja2"].get_template(name)
    return mark_safe(template.render({**context, "labels": labels()}))  # noqa: S308 - autoescaped Jinja2 output
