"""Error answers that Django gives outside any view: JSON under /api/ (the API's description
promises JSON for every answer), the site's own pages everywhere else."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


def is_api(request: HttpRequest) -> bool:
    return request.path_info == "/api" or request.path_info.startswith("/api/")


def api_error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a request Django refuses before any view (a Host it does not serve, over
    DATA_UPLOAD_MAX_NUMBER_FIELDS parameters)."""
    if is_api(request):
        return api_error("Bad request.", 400)
    return defaults.bad_request(request, exception)
