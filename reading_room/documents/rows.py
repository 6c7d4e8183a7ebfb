"""The paragraph rows of the reader and the paragraph page, rendered by Jinja2.

A resolution has tens to hundreds of rows and each is a dozen branches per piece of text; in
Django's template language they were two thirds of an uncached page's time, in Jinja2 they are a
few milliseconds. The template (templates/jinja2/documents/rows.html) autoescapes like every
other, and receives its labels translated here, where makemessages finds them.
"""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .reading import Row


def labels() -> dict[str, str]:
    return {
        "footnote": _("Footnote %(n)s"),
        "permalink": _("Permalink"),
        "permalink_to": _("Permalink to %(eid)s"),
        "copy": _("Copy"),
        "copy_link": _("Copy the link to %(eid)s"),
        "copied": _("Copied"),
        "copy_failed": _("Copy failed"),
        "cite": _("Cite"),
        "citation_copied": _("Citation copied"),
    }


def render_rows(rows: list[Row]) -> SafeString:
    template = engines["jinja2"].get_template("documents/rows.html")
    return mark_safe(template.render({"rows": rows, "labels": labels()}))  # noqa: S308 - autoescaped Jinja2 output
