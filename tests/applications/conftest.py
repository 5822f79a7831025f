"""Fixtures for the applications app: an event whose window is open (time frozen inside it), its service areas,
a verified school with its contact, and helpers to build applications with choices."""

import datetime

import pytest
from django.contrib.auth.models import Group

from eventsite.roles import SCHOOL_CONTACTS
from tests.factories import ApplicationChoiceFactory, ApplicationFactory, SchoolFactory, ServiceAreaFactory, UserFactory

IN_WINDOW = datetime.datetime(2030, 3, 15, 12, 0, tzinfo=datetime.UTC)
AFTER_WINDOW = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def open_window(time_machine):
    """Freeze the clock inside the factory event's application window (1 March to 26 April 2030)."""
    time_machine.move_to(IN_WINDOW, tick=False)


@pytest.fixture
def areas(event):
    """Three service areas of the event, in order: Cancer services, Nursing, Healthcare science."""
    return [
        ServiceAreaFactory(event=event, name=name, slug=name.lower().replace(" ", "-"), order=i)
        for i, name in enumerate(["Cancer services", "Nursing", "Healthcare science"])
    ]


@pytest.fixture
def school(school_contact):
    school = SchoolFactory(name="Brookfield High", urn="123456", contact_email="careers@brookfield.example.org")
    school.contacts.add(school_contact)
    return school


@pytest.fixture
def other_school(db):
    contact = UserFactory(username="other.contact@example.org")
    contact.groups.add(Group.objects.get(name=SCHOOL_CONTACTS))
    school = SchoolFactory(name="Oakwood Academy", urn="654321")
    school.contacts.add(contact)
    return school


@pytest.fixture
def contact_client(client, school_contact, school):
    client.force_login(school_contact)
    return client


def make_application(event, school, areas, ranks=(0, 1, 2), **kwargs):
    """An application choosing `areas[i]` for each i in `ranks`, best first."""
    application = ApplicationFactory(event=event, school=school, **kwargs)
    for rank, index in enumerate(ranks, start=1):
        ApplicationChoiceFactory(application=application, rank=rank, service_area=areas[index])
    return application
