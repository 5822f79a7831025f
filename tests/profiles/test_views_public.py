"""The careers pages students open on their phones: public, escaped, cacheable by anyone, and cheap."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import JobProfileFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db


def assert_shareable(response):
    """Nothing in the response depends on who asked: no cookie set, no Vary on cookies."""
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.headers.get("Vary", "").lower()
    assert "public" in response.headers["Cache-Control"]


@pytest.fixture
def related(profile):
    nurse = JobProfileFactory(
        service_area=profile.service_area, title="Chemotherapy nurse", slug="chemo-nurse", summary="Gives medicines."
    )
    hidden = JobProfileFactory(service_area=profile.service_area, title="Secret draft", slug="draft", published=False)
    profile.related_roles.add(nurse, hidden)
    return nurse


def test_profile_page_shows_the_role_its_entry_requirements_and_pay(client, profile, related):
    response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for text in [
        "<h1",
        "Therapeutic radiographer",
        "Cancer services",
        "What you would do",
        "A degree in therapeutic radiography.",
        "Degree",
        "Band 5",
        "£29,970 to £36,483 a year",
        "2024/25",
        "<li>Teamwork</li>",
        'href="/careers/chemo-nurse/"',
    ]:
        assert text in body
    assert "Secret draft" not in body
    assert_shareable(response)


def test_a_role_outside_agenda_for_change_shows_its_range(client, service_area):
    profile = JobProfileFactory(service_area=service_area, pay_band="", salary_min=105_504, salary_max=139_882)
    body = client.get(profile.get_absolute_url()).content.decode()
    assert "£105,504 to £139,882 a year" in body and "outside Agenda for Change" in body


def test_script_in_profile_text_is_escaped(client, service_area):
    profile = JobProfileFactory(
        service_area=service_area,
        title="<script>alert('t')</script>",
        summary="<img src=x onerror=alert(1)>",
        day_to_day="Line one\n<script>alert('d')</script>",
        skills="<b>bold</b>",
    )
    body = client.get(profile.get_absolute_url()).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>bold" not in body
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in body
    assert "Line one<br>&lt;script&gt;" in body


def test_unpublished_and_unknown_profiles_are_not_found(client, service_area):
    draft = JobProfileFactory(service_area=service_area, published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get("/careers/no-such-job/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_signed_in_users_get_the_same_shareable_page(client, organiser, profile):
    anonymous = client.get(profile.get_absolute_url())
    client.force_login(organiser)
    signed_in = client.get(profile.get_absolute_url())
    assert signed_in.content == anonymous.content
    assert "Sign out" not in signed_in.content.decode()
    assert_shareable(signed_in)


def test_conditional_get_answers_not_modified(client, profile):
    first = client.get(profile.get_absolute_url())
    etag = first.headers["ETag"]
    again = client.get(profile.get_absolute_url(), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["ETag"] == etag
    assert again.content == b""


def test_an_uncached_page_takes_one_query_and_a_cached_one_none(
    client, profile, related, django_assert_num_queries, django_assert_max_num_queries
):
    for n in range(10):
        profile.related_roles.add(JobProfileFactory(service_area=profile.service_area, slug=f"role-{n}"))
    with django_assert_max_num_queries(2):  # on PostgreSQL, a connection's first page also prepares the query
        first = client.get(profile.get_absolute_url())
    assert first.status_code == 200
    cache.clear()
    with django_assert_num_queries(1):
        assert client.get(profile.get_absolute_url()).content == first.content
    with django_assert_num_queries(0):
        assert client.get(profile.get_absolute_url()).status_code == 200


def test_related_roles_are_listed_by_order_then_title(client, profile):
    for title, order in [("Zoologist", 1), ("Anaesthetist", 2), ("Midwife", 1)]:
        profile.related_roles.add(JobProfileFactory(service_area=profile.service_area, title=title, order=order))
    body = client.get(profile.get_absolute_url()).content.decode()
    assert body.index("Midwife") < body.index("Zoologist") < body.index("Anaesthetist")


def test_a_profile_whose_related_roles_are_all_unpublished_shows_none(client, profile):
    profile.related_roles.add(JobProfileFactory(service_area=profile.service_area, published=False))
    body = client.get(profile.get_absolute_url()).content.decode()
    assert "Therapeutic radiographer" in body and "Related roles" not in body


def test_saving_a_profile_refreshes_its_page(client, profile, django_capture_on_commit_callbacks):
    client.get(profile.get_absolute_url())
    profile.summary = "A brand new summary."
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    assert "A brand new summary." in client.get(profile.get_absolute_url()).content.decode()


def test_head_is_answered_and_other_methods_refused(client, profile):
    assert client.head(profile.get_absolute_url()).status_code == 200
    assert client.post(profile.get_absolute_url()).status_code == 405


def test_index_lists_filters_and_searches(client, event, profile, related):
    other = ServiceAreaFactory(event=event, name="Mental health", slug="mental-health", order=999)
    JobProfileFactory(service_area=other, title="Mental health nurse", slug="mh-nurse", summary="Listens well.")
    JobProfileFactory(service_area=other, title="Hidden draft", published=False)
    body = client.get(reverse("profiles:profile_index")).content.decode()
    assert body.count('class="card mb-2"') == 3 and "Hidden draft" not in body
    assert '<option value="mental-health">Mental health</option>' in body
    filtered = client.get(reverse("profiles:profile_index"), {"area": "mental-health"}).content.decode()
    assert "Mental health nurse" in filtered and "Therapeutic radiographer" not in filtered
    searched = client.get(reverse("profiles:profile_index"), {"q": "NURSE"}).content.decode()
    assert "Mental health nurse" in searched and "Chemotherapy nurse" in searched
    assert "Therapeutic radiographer" not in searched
    none = client.get(reverse("profiles:profile_index"), {"q": "<script>astronaut"}).content.decode()
    assert "No careers match" in none and 'value="&lt;script&gt;astronaut"' in none


def test_index_is_shareable_and_its_queries_do_not_grow(client, profile, django_assert_num_queries):
    assert_shareable(client.get(reverse("profiles:profile_index")))
    for n in range(15):
        JobProfileFactory(service_area=profile.service_area, slug=f"more-{n}")
    with django_assert_num_queries(3):
        client.get(reverse("profiles:profile_index"), {"q": "radiographer"})


def test_index_without_an_event(client):
    assert "No event has been set up yet." in client.get(reverse("profiles:profile_index")).content.decode()
