"""Compare two documents: their paragraphs, footnotes and sponsors, in every language both have.

Paragraphs are paired once, on all the common languages together (matching.py), so that English
and French show the same pairs; whether a pair's words changed is then said per language, which
is how a change made in one language and not the other (often a translation lag) shows.

The result is plain data (dicts, lists, strings), computed in a fixed number of queries and kept
in Django's cache under a key made of both documents' last change (`Document.updated`, which any
edit moves): an edit to either document makes a new key, so a comparison is never stale.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache

from reading_room.documents.models import Document, DocumentText, Footnote, Paragraph, Sponsorship

from . import diffs
from .matching import Block, Link, match

STATUSES = ("unchanged", "changed", "added", "removed", "moved")
PARTS = ("preamble", "operative", "annex")
TIMEOUT = 24 * 3600  # keys change with every edit; old entries just age out
FORMAT = "1"  # part of the cache key: a change of the stored shape must not read old entries


class NoCommonLanguage(ValueError):
    """The two documents have no published language in common."""


@dataclass
class Version:
    """One document as compared: plain data, read in a fixed number of queries."""

    document: Document
    languages: list[str] = field(default_factory=list)  # published, in the site's order
    titles: dict[str, str] = field(default_factory=dict)
    paragraphs: list[dict] = field(default_factory=list)  # {"eid", "kind", "number", "texts": {code: text}}
    footnotes: list[dict] = field(default_factory=list)  # {"number", "texts": {code: text}}
    sponsors: dict[str, dict[str, str]] = field(default_factory=dict)  # iso3 → {code: name}, printed order


def get(older: Document, newer: Document) -> dict:
    """The comparison of two published documents, from the cache when neither changed since."""
    key = cache_key(older, newer)
    found = cache.get(key)
    if found is None:
        found = compute(older, newer)
        cache.set(key, found, TIMEOUT)
    return found


def cache_key(older: Document, newer: Document) -> str:
    # The release versions every cache key (settings.CACHES): not needed here.
    parts = [FORMAT] + [f"{d.pk}@{d.updated.isoformat()}" for d in (older, newer)]
    return "compare:" + hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()


def compute(older: Document, newer: Document) -> dict:
    versions = load([older, newer])
    old, new = versions[older.pk], versions[newer.pk]
    languages = [code for code in new.languages if code in old.languages]
    if not languages:
        raise NoCommonLanguage(f"{older.symbol} and {newer.symbol} have no published language in common")
    return {
        "from": _side(old),
        "to": _side(new),
        "languages": languages,
        "paragraphs": _paragraphs(old, new, languages),
        "footnotes": _footnotes(old, new, languages),
        "sponsors": _sponsors(old, new),
    }


def load(documents: list[Document]) -> dict[int, Version]:
    """Both documents' published texts, paragraphs, footnotes and sponsors: four queries."""
    versions = {d.pk: Version(d) for d in documents}
    ids = list(versions)
    titles = DocumentText.objects.filter(document__in=ids, published=True).order_by("language__position", "language")
    for document_id, code, title in titles.values_list("document_id", "language_id", "title"):
        versions[document_id].languages.append(code)
        versions[document_id].titles[code] = title
    rows = Paragraph.objects.filter(document__in=ids).order_by("document", "position", "id")
    for document_id, eid, kind, number, code, text in rows.values_list(
        "document_id", "eid", "kind", "number", "texts__language_id", "texts__text"
    ):
        paragraphs = versions[document_id].paragraphs
        if not paragraphs or paragraphs[-1]["eid"] != eid:
            paragraphs.append({"eid": eid, "kind": kind, "number": number, "texts": {}})
        if code in versions[document_id].titles:
            paragraphs[-1]["texts"][code] = text
    notes = Footnote.objects.filter(document__in=ids).order_by("document", "position", "id")
    for document_id, number, code, text in notes.values_list(
        "document_id", "number", "texts__language_id", "texts__text"
    ):
        footnotes = versions[document_id].footnotes
        if not footnotes or footnotes[-1]["number"] != number:
            footnotes.append({"number": number, "texts": {}})
        if code in versions[document_id].titles:
            footnotes[-1]["texts"][code] = text
    sponsors = Sponsorship.objects.filter(document__in=ids).order_by("document", "position", "id")
    for document_id, iso3, code, name in sponsors.values_list(
        "document_id", "state__iso3", "state__names__language_id", "state__names__name"
    ):
        names = versions[document_id].sponsors.setdefault(iso3, {})
        if code:
            names[code] = name
    return versions


def _side(version: Version) -> dict:
    d = version.document
    return {
        "symbol": d.symbol,
        "key": d.key,
        "kind": d.kind,
        "session": d.session,
        "date": (d.adopted or d.date).isoformat() if (d.adopted or d.date) else None,
        "titles": version.titles,
        "languages": version.languages,
    }


def part_of(paragraphs: list[dict]) -> list[str]:
    """Each paragraph's part: preamble, operative or annex. A heading belongs with what follows it."""
    parts: list[str | None] = []
    for p in paragraphs:
        if p["eid"].startswith("annex") or p["kind"] == Paragraph.Kind.ANNEX:
            parts.append("annex")
        elif p["kind"] == Paragraph.Kind.PREAMBULAR:
            parts.append("preamble")
        elif p["kind"] == Paragraph.Kind.HEADING:
            parts.append(None)
        else:
            parts.append("operative")
    following = "operative"
    for index in range(len(parts) - 1, -1, -1):
        parts[index] = parts[index] or following
        following = parts[index]
    return parts  # type: ignore[return-value]


def _blocks(items: list[dict], languages: list[str], kinds: bool = True) -> list[Block]:
    # a heading pairs only with a heading; every other kind with any other (a preambular paragraph
    # can become operative)
    return [
        Block(
            tuple(i["texts"].get(code, "") for code in languages),
            "heading" if kinds and i.get("kind") == "heading" else "",
        )
        for i in items
    ]


def _paragraphs(old: Version, new: Version, languages: list[str]) -> list[dict]:
    links = match(_blocks(old.paragraphs, languages), _blocks(new.paragraphs, languages))
    old_parts, new_parts = part_of(old.paragraphs), part_of(new.paragraphs)
    groups = _groups(links)
    piece_diffs = _piece_diffs(links, old.paragraphs, new.paragraphs, languages)
    entries = []
    for link in links:
        before = old.paragraphs[link.old] if link.old is not None else None
        after = new.paragraphs[link.new] if link.new is not None else None
        entry = {
            "from": before["eid"] if before else None,
            "to": after["eid"] if after else None,
            "part": new_parts[link.new] if link.new is not None else old_parts[link.old],
            "kind": (after or before)["kind"],
            "moved": link.moved,
            "split": [new.paragraphs[j]["eid"] for j in groups[("split", link.old)]] if link.split else [],
            "merged": [old.paragraphs[i]["eid"] for i in groups[("merged", link.new)]] if link.merged else [],
            "status": {},
            "diff": {},
        }
        for code in languages:
            old_text = before["texts"].get(code, "") if before else ""
            new_text = after["texts"].get(code, "") if after else ""
            if link.split or link.merged:
                diff = piece_diffs[(link.old, link.new)][code]
            else:
                diff = _diff(old_text, new_text, link)
            entry["diff"][code] = diff
            entry["status"][code] = _status(link, diff)
        entries.append(entry)
    return entries


def _status(link: Link, diff: diffs.Diff) -> str:
    if link.old is None:
        return "added"
    if link.new is None:
        return "removed"
    if link.moved:
        return "moved"
    if link.split or link.merged or diffs.edited(diff):
        return "changed"
    return "unchanged"


def _diff(old: str, new: str, link: Link) -> diffs.Diff:
    if link.old is None:
        return [("insert", new)]
    if link.new is None:
        return [("delete", old)]
    if " ".join(old.split()) == " ".join(new.split()):
        return [("equal", new)]
    return diffs.tracked(old, new)


def _groups(links: list[Link]) -> dict[tuple[str, int], list[int]]:
    """("split", old index) → its new indexes; ("merged", new index) → its old indexes."""
    groups: dict[tuple[str, int], list[int]] = {}
    for link in links:
        if link.split:
            groups.setdefault(("split", link.old), []).append(link.new)
        if link.merged:
            groups.setdefault(("merged", link.new), []).append(link.old)
    return groups


def _piece_diffs(links, old: list[dict], new: list[dict], languages: list[str]) -> dict[tuple[int, int], dict]:
    """(old index, new index) of each link of a split or merge → its diff per language."""
    out: dict[tuple[int, int], dict] = {}
    for (what, index), others in _groups(links).items():
        if what == "split":
            pairs, olds, news = [(index, j) for j in others], [old[index]], [new[j] for j in others]
        else:
            pairs, olds, news = [(i, index) for i in others], [old[i] for i in others], [new[index]]
        for code in languages:
            cut = diffs.pieces([p["texts"].get(code, "") for p in olds], [p["texts"].get(code, "") for p in news])
            for pair, diff in zip(pairs, cut, strict=True):
                out.setdefault(pair, {})[code] = diff
    return out


def _footnotes(old: Version, new: Version, languages: list[str]) -> list[dict]:
    """Footnotes by content: renumbered is not changed. Their order follows the paragraphs that
    call them, so a footnote is never said to have moved."""
    old_blocks, new_blocks = (
        _blocks(old.footnotes, languages, kinds=False),
        _blocks(new.footnotes, languages, kinds=False),
    )
    entries = []
    for link in match(old_blocks, new_blocks, pieces=False):
        before = old.footnotes[link.old] if link.old is not None else None
        after = new.footnotes[link.new] if link.new is not None else None
        entry = {"from": before and before["number"], "to": after and after["number"], "status": {}, "diff": {}}
        plain = Link(link.old, link.new)
        for code in languages:
            diff = _diff(
                before["texts"].get(code, "") if before else "", after["texts"].get(code, "") if after else "", plain
            )
            entry["diff"][code] = diff
            entry["status"][code] = _status(plain, diff)
        entries.append(entry)
    return entries


def _sponsors(old: Version, new: Version) -> dict:
    """States added to and removed from the list, with their names in each language."""
    return {
        "added": [{"iso3": iso3, "names": names} for iso3, names in new.sponsors.items() if iso3 not in old.sponsors],
        "removed": [{"iso3": iso3, "names": names} for iso3, names in old.sponsors.items() if iso3 not in new.sponsors],
        "kept": sum(1 for iso3 in new.sponsors if iso3 in old.sponsors),
    }


def summary(entries: list[dict], language: str) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for entry in entries:
        counts[entry["status"][language]] += 1
    return counts
