"""Pair the paragraphs of two versions of a text by what they say, not by their numbers.

No Django: blocks of text in, links between them out. Four passes, each a library call (difflib,
RapidFuzz) or a loop over its results:

1. Identical paragraphs in the same order are anchors (difflib's SequenceMatcher over whole
   paragraphs): a paragraph inserted early does not disturb the ones after it, and a new number
   is no change.
2. The rest are paired by word similarity, the most similar first, a paragraph between the same
   anchors preferred: an edited paragraph. The similarity is RapidFuzz's `ratio` (twice the
   longest common subsequence of words over their total), every old paragraph against every new
   one in C++: difflib's ratio in Python took seconds for two long texts that share little.
3. A paragraph left over beside a paired one may be a piece of it: a split (one old paragraph,
   several new) or a merge (several old, one new), when the pieces together match much better.
4. Moved: the pairs whose relative order the two versions do not share (SequenceMatcher over the
   order of the pairs, run both ways: when two paragraphs swap places, neither can be said to be
   the one that stayed, so both are reported; one between them that kept its place is not).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

# Least word similarity to pair two paragraphs: between the same anchors (an edit in place), and
# elsewhere (a move, which must be surer). Distinct paragraphs of one resolution reach 0.55: they
# share "the Shanghai Cooperation Organization" and the like.
NEAR, FAR = 0.5, 0.65
NEAR_BONUS = 0.1  # an edit in place is likelier than a move: it wins a close call
# Pieces of a split or merge: together at least this similar, and this much better than alone.
PIECES, GAIN = 0.75, 0.1

_WORDS = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Block:
    """A paragraph as the matcher sees it: its text in each language compared (the same
    languages, in the same order, for every block of both versions) and what kind it is
    (only blocks of the same kind are paired: a heading is not an edited paragraph)."""

    texts: tuple[str, ...]
    kind: str = ""


@dataclass(frozen=True)
class Link:
    """One row of the comparison: old and new indexes (None for added and removed).

    A split old paragraph has one link per new piece (the same `old`), a merge one link per old
    piece (the same `new`); `moved` is said of the whole group."""

    old: int | None
    new: int | None
    moved: bool = False
    split: bool = False
    merged: bool = False


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


def match(old: Sequence[Block], new: Sequence[Block], pieces: bool = True) -> list[Link]:
    """Links in the order of the new version, each removed paragraph after the paragraph that
    preceded it in the old one (the nearest that did not move). Without `pieces`, no splits or
    merges are looked for."""
    return _Matcher(old, new).links(pieces)


class _Matcher:
    def __init__(self, old: Sequence[Block], new: Sequence[Block]):
        self.old, self.new = old, new
        # each distinct word as one character: RapidFuzz then compares words, at the speed of strings
        vocabulary: dict[str, str] = {}

        def encode(text: str) -> str:
            return "".join(vocabulary.setdefault(w, chr(0x10000 + len(vocabulary))) for w in words(text))

        self.old_words = [[encode(t) for t in b.texts] for b in old]
        self.new_words = [[encode(t) for t in b.texts] for b in new]
        self.pairs: dict[int, int] = {}  # old index → new index
        self.split: dict[int, list[int]] = {}  # old index → its new pieces, in order
        self.merged: dict[int, list[int]] = {}  # new index → its old pieces, in order

    def links(self, pieces: bool) -> list[Link]:
        self._anchor()
        self._pair_similar()
        if pieces:
            self._find_pieces()
        return self._ordered(self._moved())

    # 1. identical paragraphs, in order
    def _anchor(self) -> None:
        keys_old = [_key(b) for b in self.old]
        keys_new = [_key(b) for b in self.new]
        matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            self.pairs.update((a + k, b + k) for k in range(size))

    # 2. similar paragraphs
    def _pair_similar(self) -> None:
        anchors = sorted(self.pairs.items())
        old_gap = _gaps(len(self.old), [a for a, _b in anchors])
        new_gap = _gaps(len(self.new), [b for _a, b in anchors])
        free_old = [i for i in range(len(self.old)) if i not in self.pairs]
        free_new = [j for j in range(len(self.new)) if j not in self.pairs.values()]
        languages = range(len(self.old[0].texts)) if self.old else range(0)
        choices = [[self.old_words[i][lang] for i in free_old] for lang in languages]
        candidates = []
        for j in free_new:
            scores = [0.0] * len(free_old)
            for lang in languages:
                for _choice, score, k in process.extract_iter(
                    self.new_words[j][lang], choices[lang], scorer=fuzz.ratio
                ):
                    scores[k] += score / 100 / len(languages)
            for k, i in enumerate(free_old):
                near = old_gap[i] == new_gap[j]
                if self.old[i].kind == self.new[j].kind and scores[k] >= (NEAR if near else FAR):
                    distance = abs(i / max(len(self.old), 1) - j / max(len(self.new), 1))
                    candidates.append((scores[k] + (NEAR_BONUS if near else 0), -distance, i, j))
        taken_new: set[int] = set()
        for *_score, i, j in sorted(candidates, reverse=True):
            if i not in self.pairs and j not in taken_new:
                self.pairs[i] = j
                taken_new.add(j)

    # 3. splits and merges
    def _find_pieces(self) -> None:
        owner = {j: i for i, j in self.pairs.items()}  # new index → the old paragraph it comes from
        for j in range(len(self.new)):
            if j in owner:
                continue
            for neighbour in (j - 1, j + 1):
                i = owner.get(neighbour)
                if i is None:
                    continue
                pieces = self.split.get(i, [self.pairs[i]])
                grown = sorted([*pieces, j])
                if grown != list(range(grown[0], grown[-1] + 1)):
                    continue
                if self._better(self._old_text([i]), self._new_text(pieces), self._new_text(grown), self.new[j].kind):
                    self.split[i] = grown
                    owner[j] = i
                    break
        source = {i: j for i, j in self.pairs.items() if i not in self.split}  # old index → new index
        for i in range(len(self.old)):
            if i in self.pairs:
                continue
            for neighbour in (i - 1, i + 1):
                j = source.get(neighbour)
                if j is None:
                    continue
                pieces = self.merged.get(j, [neighbour])
                grown = sorted([*pieces, i])
                if grown != list(range(grown[0], grown[-1] + 1)):
                    continue
                if self._better(self._new_text([j]), self._old_text(pieces), self._old_text(grown), self.old[i].kind):
                    self.merged[j] = grown
                    source[i] = j
                    break

    def _better(self, whole: list[str], before: list[str], after: list[str], kind: str) -> bool:
        """Whether `after` (the pieces with one more) matches `whole` much better than `before`."""
        if kind == "heading":
            return False
        score_after = _similarity(whole, after)
        return score_after >= PIECES and score_after >= _similarity(whole, before) + GAIN

    def _old_text(self, indexes: list[int]) -> list[str]:
        return ["".join(parts) for parts in zip(*(self.old_words[i] for i in indexes), strict=True)]

    def _new_text(self, indexes: list[int]) -> list[str]:
        return ["".join(parts) for parts in zip(*(self.new_words[j] for j in indexes), strict=True)]

    # 4. moves
    def _units(self) -> list[tuple[int, int]]:
        """(first old index, first new index) of each pair, split or merge."""
        merged_old = {i for pieces in self.merged.values() for i in pieces}
        units = [(i, j) for i, j in self.pairs.items() if i not in merged_old]
        units += [(pieces[0], j) for j, pieces in self.merged.items()]
        return [(i, self.split[i][0] if i in self.split else j) for i, j in units]

    def _moved(self) -> set[int]:
        """First old indexes of the units whose order the versions do not share."""
        units = self._units()
        by_old = [i for i, _j in sorted(units)]
        by_new = [i for i, _j in sorted(units, key=lambda u: u[1])]
        stable = _in_order(by_old, by_new) & _in_order(by_old[::-1], by_new[::-1])
        # Difflib leaves out of both runs a paragraph that kept its place while the two around it
        # swapped (1 4 3 2 5): one that agrees with every stable paragraph stays, unless another
        # as far from its old rank also could and the two disagree (then which moved is moot).
        old_rank = {u: k for k, u in enumerate(by_old)}
        new_rank = {u: k for k, u in enumerate(by_new)}

        def agree(u: int, v: int) -> bool:
            return (old_rank[u] < old_rank[v]) == (new_rank[u] < new_rank[v])

        def shift(u: int) -> int:
            return abs(old_rank[u] - new_rank[u])

        rest = sorted(set(by_old) - stable, key=lambda u: (shift(u), u))
        for _shift, group in itertools.groupby(rest, key=shift):
            fitting = [u for u in group if all(agree(u, v) for v in stable)]
            stable |= {u for u in fitting if all(agree(u, v) for v in fitting)}
        return set(by_old) - stable

    # the links, in the new version's order
    def _ordered(self, moved: set[int]) -> list[Link]:
        by_new: dict[int, list[Link]] = {}
        unit: dict[int, int] = {}  # old index → the first old index of its pair, split or merge
        last: dict[int, int] = {}  # old index → the last new index it went to
        for j, pieces in self.merged.items():
            by_new[j] = [Link(i, j, moved=pieces[0] in moved, merged=True) for i in pieces]
            unit.update((i, pieces[0]) for i in pieces)
            last.update((i, j) for i in pieces)
        for i, j in self.pairs.items():
            if i in unit:
                continue
            pieces = self.split.get(i, [j])
            for piece in pieces:
                by_new[piece] = [Link(i, piece, moved=i in moved, split=i in self.split)]
            unit[i], last[i] = i, pieces[-1]
        # a removed paragraph goes after the new place of the nearest earlier old one that did not move
        after: dict[int, list[Link]] = {}
        place = -1
        for i in range(len(self.old)):
            if i not in unit:
                after.setdefault(place, []).append(Link(i, None))
            elif unit[i] not in moved:
                place = max(place, last[i])
        out = list(after.get(-1, []))
        for j in range(len(self.new)):
            out += by_new.get(j, [Link(None, j)])
            out += after.get(j, [])
        return out


def _key(block: Block) -> tuple[str, ...]:
    return tuple(" ".join(t.split()) for t in block.texts)


def _gaps(length: int, anchors: list[int]) -> list[int]:
    """For each index, how many anchors come before it: indexes between the same anchors share it."""
    gaps, seen, anchor_set = [], 0, set(anchors)
    for index in range(length):
        if index in anchor_set:
            seen += 1
        gaps.append(seen)
    return gaps


def _similarity(a: list[str], b: list[str]) -> float:
    """The mean word similarity over the languages, 0 to 1."""
    return sum(fuzz.ratio(x, y) for x, y in zip(a, b, strict=True)) / 100 / max(len(a), 1)


def _in_order(a: list[int], b: list[int]) -> set[int]:
    """The items of `a` that difflib finds in the same order in `b`."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return {a[x + k] for x, _y, size in matcher.get_matching_blocks() for k in range(size)}
