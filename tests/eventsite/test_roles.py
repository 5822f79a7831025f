import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from eventsite.roles import ORGANISERS, PRESENTERS, SCHOOL_CONTACTS, has_role

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {ORGANISERS, PRESENTERS, SCHOOL_CONTACTS}


def test_organisers_can_manage_the_event_models():
    perms = set(Group.objects.get(name=ORGANISERS).permissions.values_list("codename", flat=True))
    assert {"add_event", "change_event", "delete_event", "view_servicearea", "change_user"} <= perms
    assert not Group.objects.get(name=SCHOOL_CONTACTS).permissions.exists()


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [("organiser", 200), ("presenter", 302), ("school_contact", 302), ("plain_user", 302)],
)
def test_only_organisers_reach_the_admin(client, request, user_fixture, expected):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == expected


def test_anonymous_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_navigation_shows_each_role_its_links(client, organiser, presenter):
    client.force_login(organiser)
    assert 'href="/admin/"' in client.get("/").content.decode()
    client.force_login(presenter)
    assert 'href="/admin/"' not in client.get("/").content.decode()


def test_roles(organiser, presenter, plain_user, admin_user):
    assert has_role(organiser, ORGANISERS) and not has_role(organiser, PRESENTERS)
    assert has_role(presenter, PRESENTERS)
    assert not has_role(plain_user, ORGANISERS)
    assert has_role(admin_user, SCHOOL_CONTACTS)


def test_admin_lists_events_with_branding(organiser_client, event):
    body = organiser_client.get(reverse("admin:eventsite_event_changelist")).content.decode()
    assert event.name in body
    assert "Work Experience Week — organisers" in body
