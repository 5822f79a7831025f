"""Access and support needs are for organisers only: no page a school contact can open, no file a school can
download and no e-mail a school receives ever shows them. Every URL of the site is walked as a school contact, so
a page added later is checked too."""

import datetime
import itertools

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from applications import services
from applications.models import ApplicationStatus
from applications.services.applications import ApplicationData
from tests.factories import HomeGroupFactory, SchoolFactory
from timetable.models import PublicTimetable

pytestmark = pytest.mark.django_db

NEEDS = "NEEDS-7f3a: epilepsy, seizure plan with the school nurse"
IN_WINDOW = datetime.datetime(2030, 3, 15, 12, 0, tzinfo=datetime.UTC)


def named_patterns(resolver: URLResolver, namespace: str = ""):
    """(name, pattern) for every named URL, with its namespace; the admin (organisers only) is left out."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.pattern


def urls(values: dict[str, list]) -> list[str]:
    """Every named URL, reversed with each combination of the values given for its parameters."""
    found = []
    for name, pattern in named_patterns(get_resolver()):
        params = list(getattr(pattern, "converters", {}) or pattern.regex.groupindex)
        for combination in itertools.product(*(values.get(p, ["1"]) for p in params)):
            try:
                found.append(reverse(name, kwargs=dict(zip(params, combination, strict=True))))
            except NoReverseMatch:  # a value this pattern does not take (e.g. an extension it does not serve)
                continue
    return found


@pytest.fixture
def contact_with_applications(
    event, school_contact, time_machine, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(IN_WINDOW, tick=False)
    group = HomeGroupFactory(event=event)
    school = SchoolFactory(contact_email=school_contact.email)
    school.contacts.add(school_contact)
    rows = [
        ApplicationData(
            "Amy", "Example", 10, (group.service_area,), "I like science.", NEEDS, "Gina", IN_WINDOW.date(), True
        ),
        ApplicationData(
            "Ben", "Sample", 10, (group.service_area,), "I like people.", NEEDS, "Hal", IN_WINDOW.date(), False
        ),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        first, second = services.applications_import(event=event, school=school, rows=rows, by=school_contact)
        services.applications_accept(event=event, application_ids=[first.pk], by=organiser, home_group=group)
        services.applications_set_status(
            applications=type(second).objects.filter(pk=second.pk), status=ApplicationStatus.REJECTED, by=organiser
        )
        services.decisions_publish(event=event, by=organiser)
    token = PublicTimetable.objects.create(home_group=group).token
    return {
        "pk": [first.pk, second.pk, group.pk],
        "token": [token],
        "slug": [event.slug],
        "extension": ["csv", "xlsx", "json"],
    }


def test_no_page_or_download_a_school_contact_can_open_shows_the_needs(
    client, school_contact, contact_with_applications
):
    client.force_login(school_contact)
    opened = 0
    for url in urls(contact_with_applications):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert NEEDS.encode() not in body, url
        assert b"epilepsy" not in body, url
        opened += response.status_code == 200
    assert client.get(reverse("applications:school")).status_code == 200
    edit = client.get(reverse("applications:application_edit", args=[contact_with_applications["pk"][0]]))
    assert edit.status_code == 200 and b"Amy" in edit.content  # the edit form is open, and holds no needs
    assert opened >= 8


def test_no_email_to_a_school_holds_the_needs(contact_with_applications, mailoutbox):
    subjects = sorted(message.subject for message in mailoutbox)
    assert len(subjects) == 2 and all("epilepsy" not in m.body for m in mailoutbox)
    assert all(NEEDS not in (m.subject + m.body) for m in mailoutbox)


def test_organisers_do_see_the_needs(contact_with_applications, organiser_client):
    """The control: the same value is found where it belongs, so its absence above means something."""
    pk = contact_with_applications["pk"][0]
    assert NEEDS.encode() in organiser_client.get(f"/admin/applications/application/{pk}/change/").content
