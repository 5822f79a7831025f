"""An organiser watches the dashboard during the week (it refreshes itself) and prints the impact report after it."""

import pytest
from playwright.sync_api import expect

from profiles.models import QRLink
from tests.dashboard.conftest import populate
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import ImpactNarrativeFactory, ImpactQuoteFactory, ScanFactory
from tests.factories.core import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def filled_event(event):
    populate(event)
    narrative = ImpactNarrativeFactory(event=event)
    ImpactQuoteFactory(
        narrative=narrative,
        text="Thank you for this week. You shaped all of our little minds into making positive decisions.",
        attribution="The cancer services home group",
    )
    return event


def open_menu(page, link: str):
    if page.viewport_name == "phone":
        page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("link", name=link, exact=True).click()


def test_an_organiser_watches_the_dashboard_refresh(page, organiser, filled_event):
    page.clock.install()
    sign_in(page, organiser.username, TEST_PASSWORD)
    open_menu(page, "Dashboard")
    expect(page.get_by_role("heading", name=f"Dashboard · {filled_event.name}")).to_be_visible()
    scans = page.locator(".figure-card").nth(2)
    expect(scans).to_contain_text("(4 in all)")
    page.wait_for_function("() => window.Chart && Chart.getChart('chart-funnel') !== undefined")
    expect(page.get_by_role("row", name="Group 1 4 6")).to_be_visible()
    expect(page.get_by_text("they update every 45 seconds")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "dashboard")

    ScanFactory.create_batch(3, link=QRLink.objects.filter(event=filled_event).first())
    with page.expect_response(lambda response: "/organise/dashboard/live/" in response.url):
        page.clock.run_for(46_000)
    expect(scans).to_contain_text("(7 in all)")
    page.wait_for_function("() => window.Chart && Chart.getChart('chart-scans') !== undefined")
    assert page.console_errors == []


def test_an_organiser_prints_the_impact_report(page, organiser, filled_event):
    sign_in(page, organiser.username, TEST_PASSWORD)
    open_menu(page, "Impact report")
    expect(page.get_by_role("heading", name=filled_event.name, exact=True)).to_be_visible()
    expect(page.get_by_text("students attended")).to_be_visible()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    expect(page.get_by_text("You shaped all of our little minds")).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart('chart-headlines') !== undefined")
    assert_accessible(page)
    screenshot(page, "dashboard-impact-report")

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    expect(page.get_by_text("students attended")).to_be_visible()
    screenshot(page, "dashboard-impact-report-print")
    assert page.console_errors == []
