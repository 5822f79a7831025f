import pytest
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse

from eventsite.models import Event

pytestmark = pytest.mark.django_db


def test_home_shows_the_current_event_and_its_areas(client, service_area):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert service_area.event.name in body
    assert "Cancer services" in body
    assert 'href="#main"' in body  # skip link
    assert "<main" in body and "<nav" in body and "<footer" in body


def test_home_without_an_event_says_so(client):
    assert "No event has been set up yet." in client.get("/").content.decode()


def test_every_html_response_has_a_strict_csp(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_database_failure(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_unknown_url_gets_the_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Work Experience Week" in response.content.decode()


@override_settings(DEBUG=False)
def test_errors_show_the_styled_500_without_a_traceback(client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Event.objects, "current", explode)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_login_page_is_in_the_site_style(client):
    body = client.get(reverse("login")).content.decode()
    assert "Sign in" in body and "Forgotten your password?" in body
    assert "css/site.css" in body


def test_password_reset_sends_a_link(client, mailoutbox, organiser):
    response = client.post(reverse("password_reset"), {"email": organiser.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_login_and_logout(client, organiser):
    from tests.factories.core import TEST_PASSWORD

    response = client.post(reverse("login"), {"username": organiser.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert "Signed in as olivia.organiser" in client.get("/").content.decode()
    client.post(reverse("logout"))
    assert "Sign in" in client.get("/").content.decode()


def test_privacy_notice_says_what_why_who_and_how_long(client, event):
    body = client.get(reverse("privacy")).content.decode()
    for heading in ("What we collect, and why", "Who can see it", "How long we keep it", "Your rights"):
        assert heading in body
    assert "removed\n    90 days after the event ends, on 19 September 2030" in body


def test_sign_in_posts_are_limited_per_address(client, organiser):
    for _ in range(30):
        client.post(reverse("login"), {"username": "nobody", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


def test_password_reset_mail_goes_through_the_task_queue_and_is_limited(client, organiser, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    assert client.post(reverse("password_reset"), {"email": organiser.email}).status_code == 302
    assert mailoutbox == []
    [queued] = default_task_backend.results
    assert queued.task.name == "send_email" and queued.kwargs["to"] == [organiser.email]
    for _ in range(4):
        client.post(reverse("password_reset"), {"email": organiser.email})
    assert client.post(reverse("password_reset"), {"email": organiser.email}).status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [(0, "1.2.3.4", "127.0.0.1"), (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"), (2, "1.2.3.4, 10.0.0.2", "1.2.3.4")],
)
def test_the_client_address_is_read_behind_trusted_proxies(rf, settings, proxies, forwarded, expected):
    from eventsite.net import client_ip

    settings.TRUSTED_PROXIES = proxies
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR=forwarded)) == expected
