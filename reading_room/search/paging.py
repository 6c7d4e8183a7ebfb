"""Page links for long lists (search results, browse pages): previous, the first pages, a window
around the current one, the last pages, next; gaps between them (Django's elided page range)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator


@dataclass
class Pager:
    links: list[dict]  # {"number", "url", "current"}; a gap: number None. Empty when there is one page
    previous_url: str = ""
    next_url: str = ""


def pager(number: int, pages: int, url: Callable[[int], str]) -> Pager:
    """Links around page `number` of `pages`; `url(n)` is page n's URL."""
    if pages <= 1:
        return Pager([])
    paginator = Paginator(range(pages), 1)  # a page per number: only its elided range is used
    links = [
        {"number": None, "url": "", "current": False}
        if n == paginator.ELLIPSIS
        else {"number": n, "url": url(n), "current": n == number}
        # a page past the end (a search's ?page=99) is shown the links near the end
        for n in paginator.get_elided_page_range(min(number, pages), on_each_side=3, on_ends=1)
    ]
    return Pager(links, url(number - 1) if number > 1 else "", url(number + 1) if number < pages else "")
