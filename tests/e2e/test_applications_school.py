"""A school contact's journey: sign up, confirm from the e-mail, register the school, apply by form and by
spreadsheet, then see the decisions once published."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications import services
from applications.models import Application, ApplicationStatus, School
from applications.spreadsheets import COLUMNS
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import EventFactory, HomeGroupFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-passphrase-42"


@pytest.fixture
def open_event(db):
    """An event whose application window is open now (browser tests run on the real clock)."""
    now = timezone.now()
    event = EventFactory(
        applications_open_at=now - datetime.timedelta(days=1),
        applications_close_at=now + datetime.timedelta(days=30),
        start_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    for i, name in enumerate(["Cancer services", "Nursing and midwifery", "Healthcare science"]):
        ServiceAreaFactory(event=event, name=name, slug=f"area-{i}", order=i)
    return event


def test_a_school_signs_up_applies_and_sees_its_decisions(page, open_event, mailoutbox, organiser, tmp_path):
    email = f"careers.{page.viewport_name}@school.example.org"
    page.goto("/schools/sign-up/")
    assert_accessible(page)
    page.get_by_label("Your school e-mail address").fill(email)
    page.locator("#id_password1").fill(PASSWORD)  # labelled "Password*", like "Password again*"
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    screenshot(page, "applications-signup-sent")

    link = re.search(r"https?://[^/\s]+(/schools/confirm/\S+/)", mailoutbox[-1].body).group(1)
    page.goto(link)
    expect(page.get_by_text("Your e-mail address is confirmed.")).to_be_visible()
    sign_in(page, email, PASSWORD)
    page.goto("/school/")
    expect(page.get_by_role("heading", name="Register your school")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("School name").fill("Larkhill Academy")
    page.get_by_label("URN").fill("12345")
    page.get_by_label("Local authority").fill("Wirral")
    page.get_by_label("Postcode").fill("ch41 1aa")
    page.get_by_label("Contact's name").fill("Casey Careersby")
    page.get_by_label("Gatsby benchmark 5").select_option("below")
    page.get_by_label("Gatsby benchmark 6").select_option("at")
    page.get_by_role("button", name="Register the school").click()
    expect(page.get_by_text("A URN is the school's 6-digit unique reference number")).to_be_visible()
    screenshot(page, "applications-register-error")
    page.get_by_label("URN").fill("104567" if page.viewport_name == "desktop" else "104568")
    page.get_by_role("button", name="Register the school").click()
    expect(page.get_by_text("Your school is registered.")).to_be_visible()

    page.get_by_role("link", name="Add a student").click()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Surname").fill("Applewhistle")
    page.get_by_label("First choice").select_option(label="Cancer services")
    page.get_by_label("Second choice (optional)").select_option(label="Cancer services")
    page.get_by_label("Why the student wants to come").fill("I want to see what a radiographer does.")
    page.get_by_label("Access and support needs").fill("Uses a wheelchair.")
    page.get_by_label("Parent or guardian who gave consent").fill("Jo Applewhistle")
    page.get_by_label("Date of consent").fill(timezone.localdate().isoformat())
    page.get_by_label("The parent or guardian consents to photographs").check()
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("Cancer services is already choice 1; choose each area once.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "applications-form-error")
    page.get_by_label("Second choice (optional)").select_option(label="Healthcare science")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("The application for Ada Applewhistle has been received.")).to_be_visible()

    page.get_by_role("link", name="Upload a spreadsheet").click()
    sheet = tmp_path / "students.csv"
    rows = [
        "Bo,Brambleby,10,Nursing and midwifery,,,I want to be a midwife.,,Al Brambleby,2024-03-01,yes",
        "Cy,Cobblestone,9,Cardiology,,,Hi,,Di Cobblestone,2024-03-01,maybe",
    ]
    sheet.write_text(",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n")
    page.get_by_label("Spreadsheet (.csv or .xlsx)").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("Some rows have errors, so nothing can be saved.")).to_be_visible()
    expect(page.get_by_text("'Cardiology' is not a service area of this event.", exact=False)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "applications-upload-errors")
    sheet.write_text(",".join(COLUMNS) + "\n" + rows[0] + "\n")
    page.get_by_label("Spreadsheet (.csv or .xlsx)").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("All 1 rows are ready.")).to_be_visible()
    page.get_by_role("button", name="Save these 1 applications").click()
    expect(page.get_by_text("1 applications have been received.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Bo Brambleby")).to_be_visible()
    expect(page.get_by_text("Uses a wheelchair.")).to_have_count(0)
    assert len([m for m in mailoutbox if m.to == [email]]) == 3  # confirmation and two receipts

    school = School.objects.get(contacts__username=email)
    group = HomeGroupFactory(
        event=open_event, service_area=open_event.service_areas.first(), name="Cancer services home group"
    )
    ada = Application.objects.get(school=school, first_name="Ada")
    services.applications_accept(event=open_event, application_ids=[ada.pk], by=organiser, home_group=group)
    services.applications_set_status(
        applications=Application.objects.filter(school=school, first_name="Bo"),
        status=ApplicationStatus.WAITLISTED,
        by=organiser,
    )
    services.decisions_publish(event=open_event, by=organiser)
    page.reload()
    expect(page.get_by_text("Accepted", exact=True)).to_be_visible()
    expect(page.get_by_text("Cancer services home group")).to_be_visible()
    expect(page.get_by_text("Waiting list", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "applications-school-decisions")
    assert page.console_errors == []
