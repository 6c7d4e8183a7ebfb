"""No URL carries a NUL: refused before any view (400).

PostgreSQL cannot even compare a text with a NUL in it: a path or a query parameter holding one
(/%00/, ?kind__exact=%00) reached the database and came back a 500 from every view that looks it up.
Forms refuse NUL in what they are posted (Django's ProhibitNullCharactersValidator).
"""

from django.core.exceptions import BadRequest
from django.http import HttpRequest


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            raise BadRequest("A URL cannot contain a NUL character.")
        return self.get_response(request)
