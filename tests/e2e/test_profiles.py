"""Students open a job profile from a QR code on their phones; organisers print the codes and read the scans."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from profiles.models import Scan
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import JobProfileFactory, QRLinkFactory
from tests.factories.core import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_page_cache():
    cache.clear()


def wait_for_images(page, seconds: int = 30):
    """Every image on the page loaded (polled here: the site's CSP forbids Playwright's wait_for_function)."""
    for _ in range(seconds * 10):
        if page.evaluate("Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0)"):
            return
        page.wait_for_timeout(100)
    pytest.fail("The QR code images did not load.")


@pytest.fixture
def careers(service_area):
    radiographer = JobProfileFactory(
        service_area=service_area,
        title="Therapeutic radiographer",
        slug="therapeutic-radiographer",
        summary="Plans and gives radiotherapy, using precise beams of radiation to treat cancer.",
        skills="Working with technology\nCalm, clear explanations",
        route_apprenticeship=True,
    )
    nurse = JobProfileFactory(
        service_area=service_area,
        title="Chemotherapy nurse",
        slug="chemotherapy-nurse",
        summary="Gives anti-cancer medicines safely.",
        pay_band="6",
        salary_min=37_338,
        salary_max=44_962,
    )
    radiographer.related_roles.add(nurse)
    return radiographer, nurse


def test_a_student_scans_a_code_and_reads_the_profile(page, careers):
    radiographer, _nurse = careers
    link = QRLinkFactory(profile=radiographer, placement="Marketplace stand")
    page.goto(f"/q/{link.code}")
    expect(page).to_have_url(re.compile(r"/careers/therapeutic-radiographer/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Therapeutic radiographer")
    expect(page.get_by_role("heading", name="What it pays")).to_be_visible()
    expect(page.get_by_text("£29,970 to £36,483 a year")).to_be_visible()
    assert Scan.objects.filter(link=link).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # no sideways scroll
    assert_accessible(page)
    screenshot(page, "profile-from-qr")

    page.get_by_role("link", name="Chemotherapy nurse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chemotherapy nurse")
    page.get_by_role("link", name="All careers").click()
    page.get_by_label("Search").fill("radio")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.get_by_role("link", name="Therapeutic radiographer")).to_be_visible()
    expect(page.get_by_role("link", name="Chemotherapy nurse")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "careers-search")
    assert page.console_errors == []


def test_an_unknown_code_shows_a_friendly_page(page, event):
    response = page.goto("/q/zzzzzzzzzz")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that code")
    assert_accessible(page)
    screenshot(page, "qr-not-found")


def test_an_organiser_prints_the_qr_sheet_and_reads_the_scans(page, organiser, careers, event):
    for profile in careers:
        QRLinkFactory(profile=profile, placement="Marketplace stand")
    QRLinkFactory(event=event, profile=None, target_path="/careers/", placement="Day 1 slides")
    sign_in(page, organiser.username, TEST_PASSWORD)
    page.goto("/organisers/qr/sheet/")
    cards = page.locator(".qr-card")
    expect(cards).to_have_count(3)
    expect(cards.filter(has_text="Therapeutic radiographer")).to_contain_text("Marketplace stand")
    expect(cards.filter(has_text="Day 1 slides")).to_contain_text("All careers")
    wait_for_images(page)
    assert_accessible(page)
    screenshot(page, "qr-sheet")

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print the sheet")).to_be_hidden()
    expect(cards.first).to_be_visible()
    screenshot(page, "qr-sheet-print")

    page.emulate_media(media="screen")
    page.goto(f"/q/{cards.first.locator('.qr-card-code span').inner_text()}")
    page.goto("/organisers/qr/report/")
    expect(page.get_by_text("job profile pages opened")).to_contain_text("1 time via QR code")
    expect(page.locator("#scans-by-day-chart")).to_have_attribute("style", re.compile("display: block"))
    assert_accessible(page)
    screenshot(page, "scan-report")
    assert page.console_errors == []
