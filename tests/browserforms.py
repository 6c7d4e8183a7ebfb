"""What a browser posts for a form as the page rendered it, and the whole database as rows: for
tests that save admin pages the way an editor does."""

from __future__ import annotations

import lxml.html
from django.db import connection


def change_form(html: str):
    """The admin's change form on a page (not the logout form in its header)."""
    page = lxml.html.fromstring(html)
    forms = [f for f in page.forms if (f.get("id") or "").endswith("_form")]
    assert forms, "no change form on the page"
    return forms[0]


def submitted(form, button: str | None = "_save") -> dict[str, list[str]]:
    """The fields a browser submits, with the values the page shows: disabled fields and unchecked
    boxes left out, a select without a selected option sends its first, a textarea loses the newline
    that follows its start tag (the HTML parser drops it) and sends its line breaks as CRLF."""
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        element = form.inputs[name]
        elements = element if isinstance(element, list) else [element]
        if any(getattr(e, "tag", "") == "textarea" for e in elements):
            value = value.removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")
        data.setdefault(name, []).append(value)
    if button:
        submit = form.xpath(f'.//input[@type="submit"][@name="{button}"]')
        if submit:
            data[button] = [submit[0].get("value", "")]
    return data


def has_button(form, button: str = "_save") -> bool:
    return bool(form.xpath(f'.//input[@type="submit"][@name="{button}"]'))


def database_rows() -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from the introspection
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def differences(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> dict[str, dict]:
    """Per table that changed: the rows gone and the rows new."""
    changed = {}
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, []), after.get(table, [])
        if old != new:
            gone = [r for r in old if r not in new]
            added = [r for r in new if r not in old]
            changed[table] = {"gone": gone[:3], "new": added[:3], "count": (len(old), len(new))}
    return changed
