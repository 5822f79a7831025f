import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories.core import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_shows_the_event_and_is_accessible(page, service_area):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(service_area.event.name)
    expect(page.get_by_role("heading", name="Cancer services")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "home")
    assert page.console_errors == []


def test_skip_link_moves_focus_to_the_main_content(page, event):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_organiser_signs_in_and_sees_the_admin_link(page, organiser):
    sign_in(page, organiser.username, "wrong password")
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "login-error")
    sign_in(page, organiser.username, TEST_PASSWORD)
    expect(page.get_by_text(f"Signed in as {organiser.username}")).to_be_attached()
    if page.viewport_name == "phone":
        page.get_by_role("button", name="Show or hide the menu").click()
    expect(page.get_by_role("link", name="Admin")).to_be_visible()
    screenshot(page, "home-organiser")
    page.get_by_role("link", name="Admin").click()
    expect(page.get_by_text("Work Experience Week — organisers").first).to_be_visible()
    screenshot(page, "admin-index")
    assert page.console_errors == []
