"""Browsing without a query: documents by session, by sponsor, and the home page's filters."""

import re

import pytest

from reading_room.documents.models import Document
from tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(languages):
    a = make_document("A/79/L.5", session=79, body="GA", kind="draft_resolution")  # sponsored by KGZ
    b = make_document("A/78/L.9", session=78, body="GA", kind="resolution")
    c = make_document("S/RES/2719(2023)", session=78, body="SC", kind="resolution")
    b.sponsorships.all().delete()
    hidden = make_document("A/79/L.99", session=79, status=Document.Status.DRAFT)
    return a, b, c, hidden


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_sessions_lists_sessions_with_their_published_documents(client, documents):
    page = html(client, "/sessions/")
    assert 'href="/sessions/79/">Session 79</a> <span class="count">1</span>' in page
    assert 'href="/sessions/78/">Session 78</a> <span class="count">2</span>' in page
    assert page.index("Session 79") < page.index("Session 78")


def test_a_session_lists_its_documents(client, documents):
    page = html(client, "/sessions/78/")
    assert 'href="/A/78/L.9/"' in page and 'href="/S/RES/2719(2023)/"' in page
    assert "A/79/L.5" not in page


def test_a_session_page_filters_by_body(client, documents):
    page = html(client, "/sessions/78/?body=SC")
    assert 'href="/S/RES/2719(2023)/"' in page and 'href="/A/78/L.9/"' not in page
    assert 'href="?body=GA"' in page  # the other body, with its count
    assert 'aria-current="true">Security Council</a>' in page


def test_a_session_without_documents_says_so(client, documents):
    assert "No documents." in html(client, "/sessions/12/")


def test_sponsors_lists_the_states_that_sponsored(client, documents):
    page = html(client, "/sponsors/")
    assert 'href="/sponsors/KGZ/">Kyrgyzstan</a> <span class="count">2</span>' in page


def test_the_sponsor_names_follow_the_interface_language(client, documents):
    page = client.get("/sponsors/", headers={"Accept-Language": "fr"}).content.decode()
    assert ">Kirghizistan</a>" in page


def test_a_sponsor_page_lists_what_it_sponsored(client, documents):
    page = html(client, "/sponsors/KGZ/")
    assert "Sponsored by Kyrgyzstan" in page
    assert 'href="/A/79/L.5/"' in page and 'href="/S/RES/2719(2023)/"' in page
    assert 'href="/A/78/L.9/"' not in page and "A/79/L.99" not in page  # not a sponsor; unpublished
    assert 'href="/search?sponsor=KGZ"' in page


def test_a_sponsor_page_filters_by_session(client, documents):
    page = html(client, "/sponsors/KGZ/?session=79")
    assert 'href="/A/79/L.5/"' in page and 'href="/S/RES/2719(2023)/"' not in page


def test_sponsor_codes_are_upper_case(client, documents):
    response = client.get("/sponsors/kgz/")
    assert response.status_code == 301 and response["Location"] == "/sponsors/KGZ/"


@pytest.mark.parametrize("url", ["/sponsors/XYZ/", "/sponsors/toolong/", "/sessions/abc/"])
def test_unknown_sponsors_and_sessions_are_404(client, documents, url):
    assert client.get(url).status_code == 404


def test_the_home_page_has_filters(client, documents):
    page = html(client, "/")
    assert 'href="/sessions/"' in page and 'href="/sponsors/"' in page
    assert 'href="?session=79">79</a> <span class="count">1</span>' in page
    assert 'href="?body=SC">Security Council</a> <span class="count">1</span>' in page
    assert 'href="?type=resolution">Resolution</a> <span class="count">2</span>' in page


def test_the_home_page_filters_the_table(client, documents):
    page = html(client, "/?session=78&body=GA")
    assert 'href="/A/78/L.9/"' in page
    assert 'href="/S/RES/2719(2023)/"' not in page and 'href="/A/79/L.5/"' not in page
    page = html(client, "/?sponsor=kgz")
    assert 'href="/A/79/L.5/"' in page and 'href="/A/78/L.9/"' not in page


def test_the_home_page_ignores_bad_filters(client, documents):
    page = html(client, "/?session=abc&body=<script>&type=1&sponsor=%27%3B")
    assert 'href="/A/79/L.5/"' in page and 'href="/A/78/L.9/"' in page


def test_browse_pages_make_few_queries(client, documents, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):  # and the resolutions the page's drafts became
        html(client, "/sponsors/KGZ/")
    with django_assert_max_num_queries(9):
        html(client, "/sessions/78/")
    with django_assert_max_num_queries(4):
        html(client, "/sponsors/")


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr("reading_room.reader.browse.PAGE_SIZE", 2)


def listed(page: str) -> list[str]:
    """The symbols in the documents table, in order."""
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a>', page)


def test_the_home_page_lists_the_newest_documents_a_page_at_a_time(client, documents, two_a_page):
    for document, date in zip(documents[:3], ["2024-12-01", "2023-06-01", "2024-01-15"], strict=True):
        Document.objects.filter(pk=document.pk).update(date=date)
    first = html(client, "/")
    assert listed(first) == ["A/79/L.5", "S/RES/2719(2023)"]
    assert "Documents 1–2 of 3" in first
    assert '<a rel="next" href="?page=2">' in first and 'rel="prev"' not in first
    second = html(client, "/?page=2")
    assert listed(second) == ["A/78/L.9"]
    assert "Documents 3–3 of 3" in second and '<a rel="prev" href=".">' in second  # page 1: no ?page
    assert '<span aria-current="page">2</span>' in second


def test_undated_documents_come_last_on_every_database(client, documents, two_a_page):
    Document.objects.filter(pk=documents[0].pk).update(date=None)
    Document.objects.filter(pk__in=[d.pk for d in documents[1:3]]).update(date="2023-06-01")
    assert listed(html(client, "/?page=2")) == ["A/79/L.5"]


def test_page_links_keep_the_filters_and_filters_go_back_to_the_first_page(client, documents, monkeypatch):
    monkeypatch.setattr("reading_room.reader.browse.PAGE_SIZE", 1)
    page = html(client, "/?type=resolution&page=2")
    assert '<a rel="prev" href="?type=resolution">' in page
    assert 'href="?type=resolution&amp;body=SC"' not in page  # facets are in DOCUMENT_FILTERS order
    assert 'href="?body=SC&amp;type=resolution"' in page  # a filter link: no page
    sponsor = html(client, "/sponsors/KGZ/?session=79")
    assert "1 document" in sponsor and "search-pager" not in sponsor  # one page: no pager
    session = html(client, "/sessions/78/")
    assert '<a rel="next" href="?page=2">' in session  # the path's filter stays in the path


@pytest.mark.parametrize("number", ["abc", "0", "-1", "2.5", "9" * 5000, "99"])
def test_a_bad_page_number_shows_a_page_of_documents(client, documents, two_a_page, number):
    page = html(client, f"/?page={number}")
    assert len(listed(page)) in (1, 2) and "Documents" in page


def test_a_page_of_documents_makes_the_same_queries_whatever_its_size(
    client, documents, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("reading_room.reader.browse.PAGE_SIZE", 1)
    # count, three facets, the page, its titles, what its drafts became (if it shows drafts)
    with django_assert_max_num_queries(7):
        html(client, "/")
    monkeypatch.setattr("reading_room.reader.browse.PAGE_SIZE", 50)
    with django_assert_max_num_queries(7):
        html(client, "/")


def test_the_pager_shows_the_ends_and_a_window_around_the_page():
    from reading_room.search.paging import pager

    links = pager(50, 236, lambda n: f"?page={n}")
    assert [link["number"] for link in links.links] == [1, None, 47, 48, 49, 50, 51, 52, 53, None, 236]
    assert [link["current"] for link in links.links].index(True) == 5
    assert (links.previous_url, links.next_url) == ("?page=49", "?page=51")
    assert [link["number"] for link in pager(2, 3, str).links] == [1, 2, 3]
    assert pager(1, 1, str).links == [] and pager(236, 236, str).next_url == ""
    assert [link["number"] for link in pager(99, 3, str).links] == [1, 2, 3]  # past the end: none current
