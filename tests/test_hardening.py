"""Security headers, admin login lockout, upload limits, health endpoints."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from reading_room.documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/A/79/L.124/", "/A/79/L.124/op3/", "/search?q=x", "/admin/login/"])
def test_every_page_sends_the_security_headers(client, sample, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_behind_tls_the_site_sends_hsts_and_secure_cookies(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = client.get("/admin/login/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.cookies["csrftoken"]["secure"]
    assert "Strict-Transport-Security" not in client.get("/admin/login/")  # not over plain HTTP


def test_plain_http_is_redirected_but_probes_are_not(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200


def _login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password})


def test_repeated_failed_logins_lock_the_account_out(client, settings):
    User.objects.create_user("editor", password="right-horse-battery", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong").status_code == 200  # the form again, with its error
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # even the right password is refused while locked
    assert _login(client, "right-horse-battery").status_code == 429


def test_a_successful_login_resets_the_count(client, settings):
    User.objects.create_user("editor", password="right-horse-battery", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, "right-horse-battery").status_code == 302
    client.logout()
    assert _login(client, "wrong").status_code == 200


def test_an_oversized_upload_is_refused_and_writes_nothing(editor_client, languages, settings):
    settings.IMPORT_MAX_BYTES = 64 * 1024
    big = SimpleUploadedFile("big.en.txt", b"Recalling the Charter. " * 4000)
    response = editor_client.post("/admin/documents/document/import/", {"en": big}, follow=True)
    assert "big.en.txt is 92000 bytes; the limit is 65536." in response.content.decode().lower()
    assert not Document.objects.exists()


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok"


def _attempt(client, username, password, address):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_one_forgetful_editor_does_not_lock_out_the_colleagues_at_the_same_address(client, settings):
    User.objects.create_user("editor", password="right-horse-battery", is_staff=True)
    User.objects.create_user("colleague", password="another-horse-battery", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, "editor", "wrong", "10.0.0.1")
    assert _attempt(client, "editor", "right-horse-battery", "10.0.0.1").status_code == 429
    assert _attempt(client, "colleague", "another-horse-battery", "10.0.0.1").status_code == 302


def test_random_usernames_from_one_address_are_limited_too_before_any_password_is_hashed(client, settings):
    """Each failed login costs a password hash (0.4 s): the login form must not burn the CPU."""
    from unittest import mock

    from django.contrib.auth import hashers

    User.objects.create_user("editor", password="right-horse-battery", is_staff=True)
    for n in range(settings.AXES_IP_FAILURE_LIMIT - 1):
        assert _attempt(client, f"random-{n}", "guess", "10.0.0.2").status_code == 200
    assert _attempt(client, "random-last", "guess", "10.0.0.2").status_code == 429  # the limit-th failure
    with (
        mock.patch.object(hashers.PBKDF2PasswordHasher, "encode", side_effect=AssertionError("hashed")) as encode,
        mock.patch.object(hashers.PBKDF2PasswordHasher, "verify", side_effect=AssertionError("hashed")) as verify,
    ):
        assert _attempt(client, "random-new", "guess", "10.0.0.2").status_code == 429
        assert _attempt(client, "editor", "right-horse-battery", "10.0.0.2").status_code == 429
    assert not encode.called and not verify.called
    assert _attempt(client, "editor", "right-horse-battery", "10.0.0.3").status_code == 302  # another address


def test_a_database_error_from_a_database_that_answers_is_a_500_not_an_outage(client, sample):
    """SQLite's "Expression tree is too large" came back as "database unavailable" (503)."""
    from unittest import mock

    from django.db import OperationalError
    from django.test import Client

    client = Client(raise_request_exception=False)
    error = OperationalError("Expression tree is too large (maximum depth 1000)")
    with mock.patch("reading_room.reader.views.read_document", side_effect=error):
        response = client.get("/A/79/L.124/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Temporarily unavailable" not in response.content.decode()
