"""Fixtures every app's tests use: users in each role, the demo-like event and its service areas."""

import pytest
from django.contrib.auth.models import Group

from eventsite.roles import ORGANISERS, PRESENTERS, SCHOOL_CONTACTS
from tests.factories import EventFactory, ServiceAreaFactory, UserFactory


def user_with_role(role: str | None, **kwargs):
    user = UserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


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
