"""A presenter enters a session, an organiser schedules it (a clash is refused first), and a student opens the
group's week on a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from applications.models import ApplicationStatus
from eventsite.roles import ORGANISERS, PRESENTERS
from tests.conftest import user_with_role
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories.applications import ApplicationFactory, HomeGroupFactory
from tests.factories.core import TEST_PASSWORD, EventFactory, ServiceAreaFactory
from tests.factories.timetable import OrganisationFactory, PresenterFactory, RoomFactory, SessionFactory
from timetable import services
from timetable.models import Session

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def week(db):
    event = EventFactory(start_date=datetime.date(2030, 6, 17), day_ends_at=datetime.time(15, 30))
    area = ServiceAreaFactory(event=event, name="Cancer services", slug="cancer-services")
    group = HomeGroupFactory(event=event, service_area=area, name="Cancer services group")
    ApplicationFactory.create_batch(3, event=event, status=ApplicationStatus.ACCEPTED, home_group=group)
    room = RoomFactory(event=event, name="Base room", capacity=30)
    trust = OrganisationFactory(name="The Clatterbridge Cancer Centre NHS Foundation Trust")
    presenter = user_with_role(PRESENTERS, username="pat.presenter", first_name="Pat", last_name="Presenter")
    PresenterFactory(user=presenter, organisation=trust)
    organiser = user_with_role(ORGANISERS, username="olivia.organiser")
    SessionFactory(
        event=event,
        service_area=area,
        room=room,
        title="Ice breaker and cancer awareness",
        home_groups=[group],
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(11, 0),
    )
    return {"event": event, "group": group, "presenter": presenter, "organiser": organiser}


def sign_out(page):
    page.goto("/")
    if page.viewport_name == "phone":
        page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_presenter_enters_a_session_and_an_organiser_schedules_it(page, week):
    sign_in(page, "pat.presenter", TEST_PASSWORD)
    page.goto("/timetable/my/")
    assert_accessible(page)
    page.get_by_role("link", name="Enter a new session").click()
    page.get_by_label("Title").fill("Diagnostic radiography")
    page.get_by_label("Service area").select_option(label="Cancer services")
    page.locator("#id_day_index").select_option(label="Monday 17 June")
    page.locator("#id_starts_at").fill("10:30")
    page.locator("#id_ends_at").fill("11:30")
    page.get_by_label("Room").select_option(label="Base room")
    page.get_by_label("Cancer services group").check()
    assert_accessible(page)
    screenshot(page, "timetable-session-form")
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_text("is saved as a draft")).to_be_visible()
    page.get_by_role("button", name="Submit to the organisers").click()
    expect(page.get_by_text("is submitted to the organisers")).to_be_visible()
    screenshot(page, "timetable-session-submitted")
    sign_out(page)

    sign_in(page, "olivia.organiser", TEST_PASSWORD)
    page.goto("/timetable/grid/")
    expect(page.get_by_role("heading", name="Submitted, waiting to be scheduled (1)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Schedule Diagnostic radiography").click()
    refusal = page.locator(".messages")
    expect(refusal).to_contain_text("'Diagnostic radiography' cannot be scheduled: Room 'Base room' is double-booked")
    expect(refusal).to_contain_text("cannot be scheduled: Group 'Cancer services group' is double-booked")
    screenshot(page, "timetable-grid-refused")
    submitted = page.locator("section", has=page.get_by_role("heading", name="Submitted, waiting to be scheduled (1)"))
    submitted.locator("summary").first.click()
    submitted.get_by_label("Start").fill("11:00")
    submitted.get_by_label("End").fill("12:00")
    submitted.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("'Diagnostic radiography' moved to 11:00.")).to_be_visible()
    page.get_by_role("button", name="Schedule Diagnostic radiography").click()
    expect(page.get_by_text("'Diagnostic radiography' is scheduled.")).to_be_visible()
    expect(page.get_by_text("No clashes on the scheduled timetable.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "timetable-grid-scheduled")
    session = Session.objects.get(title="Diagnostic radiography")
    assert (session.state, f"{session.starts_at:%H:%M}") == ("scheduled", "11:00")
    assert page.console_errors == []


def test_students_open_their_group_week_on_a_phone(page, week):
    link = services.public_timetable_get_or_create(home_group=week["group"])
    page.goto(f"/week/{link.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancer services group: our week")
    expect(page.get_by_text("Ice breaker and cancer awareness")).to_be_visible()
    expect(page.get_by_role("link", name="Add the week to your calendar")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "timetable-public-week")
    page.emulate_media(media="print")
    breaks = page.locator(".public-day").first.evaluate("day => getComputedStyle(day).breakAfter")
    assert breaks == "page"
    expect(page.locator(".site-header")).to_be_hidden()
    screenshot(page, "timetable-public-week-print")
    assert page.console_errors == []
