"""Page links for long lists (search results, browse pages): previous, a window of numbers, next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

WINDOW = 3  # page numbers shown either side of the current one


@dataclass
class Pager:
    links: list[dict]  # {"number", "url", "current"}; empty when there is one page
    previous_url: str = ""
    next_url: str = ""


def pager(number: int, pages: int, url: Callable[[int], str]) -> Pager:
    """Links around page `number` of `pages`; `url(n)` is page n's URL."""
    if pages <= 1:
        return Pager([])
    low, high = max(1, number - WINDOW), min(pages, number + WINDOW)
    links = [{"number": n, "url": url(n), "current": n == number} for n in range(low, high + 1)]
    return Pager(
        links,
        url(number - 1) if number > 1 else "",
        url(number + 1) if number < pages else "",
    )
