"""No path carries a NUL, nor an admin query: refused before any view (400).

PostgreSQL cannot even compare a text with a NUL in it: a path holding one (/%00/, /A/79/L.124/%00/)
reached the database and came back a 500 from every view that looks it up, and so did the admin's
filters and searches (?kind__exact=%00), which Django passes to the database as they come. The public
views check their own query parameters (the search drops control characters, the API names the
parameter it refuses); forms refuse NUL in what they are posted (ProhibitNullCharactersValidator).
"""

from django.core.exceptions import BadRequest
from django.http import HttpRequest


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if "\x00" in request.path_info:
            raise BadRequest("A URL cannot contain a NUL character.")
        if request.path_info.startswith("/admin/") and "%00" in request.META.get("QUERY_STRING", ""):
            raise BadRequest("A URL cannot contain a NUL character.")
        return self.get_response(request)
