"""Every named URL, requested by every role with GET and POST, answers as the matrix says; a role that is refused
changes nothing; and a URL missing from the matrix fails the test.

Each request runs in a savepoint that is rolled back, so one role's successful POST never changes what the next
role sees. The admin is checked on a representative set: its index, every registered model's list and one
application's change page.
"""

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from eventsite.layers import PROJECT_APPS
from eventsite.roles import ORGANISER_EXTRA
from tests.security.conftest import ROLES, rolled_back, snapshot
from tests.security.matrix import ADMIN_LOGIN, LOGIN, MATRIX, REFUSALS

pytestmark = pytest.mark.django_db


def url_names(resolver=None, namespace: str | None = None) -> set[str]:
    """Every URL name of the site, with its namespace, outside the admin (checked on its own below)."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            if inner != "admin":
                names |= url_names(pattern, inner or None)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_has_an_entry_in_the_matrix():
    missing = sorted(url_names() - MATRIX.keys())
    assert not missing, f"URLs without an entry in tests/security/matrix.py: {missing}"


def test_the_matrix_names_only_urls_that_exist():
    assert not sorted(MATRIX.keys() - url_names())


def matches(response, expected) -> bool:
    location = response.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith("/accounts/login/?next=")
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and location.startswith("/admin/login/?next=")
    if isinstance(expected, tuple):
        return response.status_code == 302 and location.startswith(expected[1])
    return response.status_code == expected


def describe(response) -> str:
    return f"{response.status_code} {response.get('Location', '')}".strip()


def check(world, url: str, method: str, expected: dict, data: dict | None = None) -> list[str]:
    failures = []
    for role in ROLES:
        cache.clear()  # every role is asked afresh: rate limits are tested on their own (test_limits.py)
        client = world.client(role)
        refused = expected[role] in (*REFUSALS, 404, 405)
        before = snapshot() if method == "post" and refused else None
        with rolled_back():
            response = getattr(client, method)(url, data or {})
            if before is not None and snapshot() != before:
                failures.append(f"{role}: refused ({describe(response)}) but the database changed")
        if not matches(response, expected[role]):
            failures.append(f"{role}: expected {expected[role]}, got {describe(response)}")
    return failures


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(world, name):
    row = MATRIX[name]
    url = reverse(name, kwargs=row.kwargs(world))
    failures = [f"GET {failure}" for failure in check(world, url, "get", row.get)]
    failures += [f"POST {failure}" for failure in check(world, url, "post", row.post, row.data(world))]
    assert not failures, f"{url}:\n" + "\n".join(failures)


def test_school_b_cannot_read_school_a_application(world):
    """Beyond the status: the other school's page never shows the student, and the edit is not saved."""
    client = world.client("school_b")
    url = reverse("applications:application_edit", kwargs={"pk": world.application_a.pk})
    assert world.application_a.first_name.encode() not in client.get(url).content
    client.post(url, {"first_name": "Changed"})
    world.application_a.refresh_from_db()
    assert world.application_a.first_name != "Changed"
    own = world.client("school_a").get(reverse("applications:school")).content.decode()
    assert world.application_a.first_name in own and world.application_b.first_name not in own


def test_presenter_b_sees_no_session_of_presenter_a_in_their_week(world):
    body = world.client("presenter_b").get(reverse("timetable:my_week")).content.decode()
    assert world.session_b.title in body and world.session_a.title not in body


def test_an_unpublished_profile_is_not_found_for_the_public(world):
    url = reverse("profiles:profile_detail", kwargs={"slug": world.draft_profile.slug})
    assert world.client("anonymous").get(url).status_code == 404


def organiser_may_view(model) -> bool:
    label = model._meta.app_label
    return label in PROJECT_APPS or (label, f"view_{model._meta.model_name}") in ORGANISER_EXTRA


def admin_rows():
    yield "admin:index", {}, True
    for model in admin.site._registry:
        meta = model._meta
        yield f"admin:{meta.app_label}_{meta.model_name}_changelist", {}, organiser_may_view(model)


@pytest.mark.parametrize(("name", "kwargs", "organiser_may"), list(admin_rows()), ids=lambda v: v or "")
def test_admin_is_for_organisers_only(world, name, kwargs, organiser_may):
    url = reverse(name, kwargs=kwargs)
    expected = dict.fromkeys(ROLES, ADMIN_LOGIN) | {"organiser": 200 if organiser_may else 403, "superuser": 200}
    failures = check(world, url, "get", expected)
    assert not failures, f"GET {url}:\n" + "\n".join(failures)


def test_admin_change_page_of_an_application_is_for_organisers_only(world):
    url = reverse("admin:applications_application_change", args=[world.application_a.pk])
    expected = dict.fromkeys(ROLES, ADMIN_LOGIN) | {"organiser": 200, "superuser": 200}
    failures = check(world, url, "get", expected)
    refused = {role: ADMIN_LOGIN for role in ROLES if role not in ("organiser", "superuser")}
    failures += check(world, url, "post", refused | {"organiser": 200, "superuser": 200}, {"first_name": "X"})
    assert not failures, "\n".join(failures)


def admin_patterns(resolver=None, prefix: str = ""):
    """(name, route regex) of every named admin URL, the models' own and any custom ones."""
    if resolver is None:
        resolver = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "admin")
        prefix = resolver.pattern.regex.pattern.lstrip("^")
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from admin_patterns(pattern, prefix + pattern.pattern.regex.pattern.lstrip("^"))
        elif pattern.name:
            yield f"admin:{pattern.name}", pattern


def admin_sample_url(name: str, pattern: URLPattern, world) -> str:
    regex = pattern.pattern.regex
    if regex.groupindex:
        return reverse(name, kwargs={key: "applications" if key == "app_label" else "1" for key in regex.groupindex})
    values = [str(world.application_a.pk)] * regex.groups
    return reverse(name, args=values)


@pytest.mark.parametrize("role", ["anonymous", "school_a", "presenter_a"])
def test_no_admin_url_answers_anyone_but_an_organiser(world, role):
    """Every admin URL, custom ones included (exports, history, privacy actions), sends others to sign in."""
    client = world.client(role)
    failures = []
    for name, pattern in admin_patterns():
        if name in ("admin:login", "admin:logout"):
            continue
        url = admin_sample_url(name, pattern, world)
        response = client.get(url)
        if not matches(response, ADMIN_LOGIN):
            failures.append(f"{name} {url}: {describe(response)}")
    assert not failures, "\n".join(failures)
