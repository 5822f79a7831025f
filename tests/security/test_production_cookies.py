"""In production (DJANGO_DEBUG=0) the session and CSRF cookies are Secure and HttpOnly where they can be, HSTS is
on and plain HTTP is redirected; `check --deploy` is clean (tests/eventsite/test_settings.py)."""

import json

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.eventsite.test_settings import PROD, run_manage
from tests.factories.core import TEST_PASSWORD

PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in ["
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT', "
    "'SECURE_HSTS_SECONDS', 'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS', 'DEBUG']}))"
)


def test_production_settings_make_cookies_secure():
    result = run_manage("shell", "-c", PRINT_SETTINGS, **PROD)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "DEBUG": False,
    }


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_signing_in_sets_only_secure_cookies(world):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"), secure=True)
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("login"),
        {"username": world.users["organiser"].username, "password": TEST_PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
        headers={"referer": "https://testserver/accounts/login/"},
    )
    assert response.status_code == 302
    session, csrf = response.cookies["sessionid"], client.cookies["csrftoken"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert csrf["secure"]
