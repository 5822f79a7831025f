"""Fixtures every app's tests use: users in each role, the demo-like event and its service areas."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from eventsite.roles import ORGANISERS, PRESENTERS, SCHOOL_CONTACTS
from tests.factories import EventFactory, ServiceAreaFactory, UserFactory


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_modifyitems(items):
    """Tests marked postgres_only (real concurrency, row locks) run only where the database can show them."""
    if on_postgres():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


def user_with_role(role: str | None, **kwargs):
    user = UserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the default hasher is slow on purpose, and the tests make many accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def service_area(event):
    return ServiceAreaFactory(event=event, name="Cancer services", slug="cancer-services")


@pytest.fixture
def organiser(db):
    return user_with_role(ORGANISERS, username="olivia.organiser")


@pytest.fixture
def presenter(db):
    return user_with_role(PRESENTERS, username="pat.presenter")


@pytest.fixture
def school_contact(db):
    return user_with_role(SCHOOL_CONTACTS, username="sam.school@example.org")


@pytest.fixture
def plain_user(db):
    return user_with_role(None, username="no.role")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client
