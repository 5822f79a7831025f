"""Every HTML page carries the strict Content-Security-Policy, and none needs it relaxed: no inline script, no
inline style, no event-handler attributes."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.security.matrix import MATRIX

pytestmark = pytest.mark.django_db

# Who renders each page: the organiser where they may, else the public, else the role the page is for.
RENDERERS = ("organiser", "anonymous", "school_a", "presenter_a")
STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}


class InlineFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts and styles, and on* handlers."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src") and attributes.get("type") != "application/json":
            self.problems.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.problems.append(f"<style> block at line {self.getpos()[0]}")
        for name, _value in attrs:
            if name == "style":
                self.problems.append(f"style= on <{tag}> at line {self.getpos()[0]}")
            elif name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}> at line {self.getpos()[0]}")


def policy(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    directives = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {pair[0]: pair[1] if len(pair) > 1 else "" for pair in directives}


def assert_strict(response, where: str):
    directives = policy(response)
    assert directives, f"{where}: no Content-Security-Policy header"
    for name, value in STRICT.items():
        assert directives.get(name) == value, f"{where}: {name} is {directives.get(name)!r}, expected {value!r}"
    assert "unsafe" not in response["Content-Security-Policy"]
    finder = InlineFinder()
    finder.feed(response.content.decode())
    assert not finder.problems, f"{where}: " + "; ".join(finder.problems)


def html_pages():
    for name, row in sorted(MATRIX.items()):
        role = next((role for role in RENDERERS if row.get[role] == 200), None)
        if role:
            yield name, role


@pytest.mark.parametrize(("name", "role"), list(html_pages()))
def test_every_page_has_a_strict_policy_and_nothing_inline(world, name, role):
    response = world.client(role).get(reverse(name, kwargs=MATRIX[name].kwargs(world)))
    assert response.status_code == 200
    if not response["Content-Type"].startswith("text/html"):
        pytest.skip(f"{response['Content-Type']} is not a page")
    assert_strict(response, f"{name} as {role}")


@pytest.mark.parametrize(
    ("url", "role", "status"),
    [
        ("/no-such-page/", "anonymous", 404),
        ("/timetable/grid/", "school_a", 403),
        ("/schools/confirm/not-a-token/", "anonymous", 400),
        ("/q/zzzzzz", "anonymous", 404),
    ],
)
def test_error_pages_too(world, url, role, status):
    response = world.client(role).get(url)
    assert response.status_code == status
    assert_strict(response, url)


def test_the_admin_pages_need_no_inline_code_either(world):
    client = world.client("organiser")
    pages = [
        reverse("admin:index"),
        reverse("admin:applications_application_changelist"),
        reverse("admin:applications_application_change", args=[world.application_a.pk]),
        reverse("admin:timetable_session_change", args=[world.session_a.pk]),
        reverse("admin:feedback_survey_change", args=[world.survey.pk]),
        reverse("admin:profiles_jobprofile_add"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response, url)


def test_the_admin_login_page(db, client):
    response = client.get(reverse("admin:login"))
    assert_strict(response, "admin login")
