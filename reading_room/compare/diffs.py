"""Word-level differences as tracked changes read them (difflib, through documents.textdiff)."""

from __future__ import annotations

from reading_room.documents.textdiff import word_diff

Diff = list[tuple[str, str]]  # (op, text), op in equal / delete / insert


def tracked(old: str, new: str) -> Diff:
    """The word diff, with a lone space between two changes folded into them: "[-Articles of-]
    [+provisions in+]" reads better than four changes around two unchanged spaces."""
    segments: list[list[tuple[str, str]]] = []  # runs of equal, or runs of changes
    for op, text in word_diff(old, new):
        if segments and (segments[-1][0][0] == "equal") == (op == "equal"):
            segments[-1].append((op, text))
        else:
            segments.append([(op, text)])
    out: list[list[tuple[str, str]]] = []
    for index, segment in enumerate(segments):
        between = 0 < index < len(segments) - 1
        if segment[0][0] == "equal" and between and not "".join(t for _o, t in segment).strip():
            space = "".join(t for _o, t in segment)
            out[-1] += [("delete", space), ("insert", space)]
        elif segment[0][0] != "equal" and out and out[-1][0][0] != "equal":
            out[-1] += segment
        else:
            out.append(list(segment))
    return [op for segment in out for op in _tidy(segment)]


def _tidy(segment: list[tuple[str, str]]) -> Diff:
    """A run of changes as one deletion then one insertion; an equal run as itself."""
    if segment[0][0] == "equal":
        return [("equal", "".join(t for _o, t in segment))]
    deleted = "".join(t for o, t in segment if o == "delete")
    inserted = "".join(t for o, t in segment if o == "insert")
    return [(op, text) for op, text in (("delete", deleted), ("insert", inserted)) if text]


def pieces(old: list[str], new: list[str]) -> list[Diff]:
    """A split (one old paragraph, several new) or a merge (several old, one new): the diff of
    the whole, cut into one diff per piece, so that each shows only its own share of the words.
    Words of the single side that fall between two pieces go with the earlier piece."""
    several_new = len(new) > 1
    parts = new if several_new else old
    own = {"equal", "insert"} if several_new else {"equal", "delete"}  # ops whose text is the pieces'
    ends, cursor = [], 0
    for part in parts:
        cursor += len(part)
        ends.append(cursor)  # the joining space follows at this offset
        cursor += 1
    out: list[Diff] = [[] for _ in parts]
    position = 0  # in the joined pieces
    for op, text in tracked(" ".join(old), " ".join(new)):
        if op not in own:
            out[_piece_at(ends, position)].append((op, text))
            continue
        start = 0
        while start < len(text):
            index = _piece_at(ends, position)
            if position == ends[index]:  # the joining space: not part of any piece
                position, start = position + 1, start + 1
                continue
            size = min(len(text) - start, ends[index] - position)
            out[index].append((op, text[start : start + size]))
            position, start = position + size, start + size
    return [_joined(diff) for diff in out]


def _piece_at(ends: list[int], position: int) -> int:
    return next((i for i, end in enumerate(ends) if position <= end), len(ends) - 1)


def _joined(diff: Diff) -> Diff:
    out: Diff = []
    for op, text in diff:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def edited(diff: Diff) -> bool:
    return any(op != "equal" for op, _text in diff)
