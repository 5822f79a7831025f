"""An organiser previews an allocation run (tables and charts), applies it and publishes the decisions."""

import pytest
from playwright.sync_api import expect

from applications import services
from applications.models import AllocationRun, Application, ApplicationStatus
from tests.applications.conftest import make_application
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import HomeGroupFactory, SchoolFactory, ServiceAreaFactory
from tests.factories.core import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cohort(event):
    areas = [
        ServiceAreaFactory(event=event, name=name, slug=f"area-{i}", order=i)
        for i, name in enumerate(["Cancer services", "Nursing and midwifery", "Healthcare science"])
    ]
    HomeGroupFactory(event=event, service_area=areas[0], name="Cancer services home group", capacity=4)
    HomeGroupFactory(event=event, service_area=areas[1], name="Nursing home group", capacity=5)
    HomeGroupFactory(event=event, service_area=areas[2], name="Science home group", capacity=3)
    schools = [SchoolFactory(name="Brookfield High", gatsby_benchmark_5="below"), SchoolFactory(name="Oakwood Academy")]
    for i in range(16):
        make_application(
            event, schools[i % 2], areas, ranks=(i % 3, (i + 1) % 3, (i + 2) % 3), first_name=f"Student{i}"
        )
    return areas


def test_an_organiser_previews_and_applies_a_run(page, organiser, event, cohort, mailoutbox):
    sign_in(page, organiser.username, TEST_PASSWORD)
    page.goto("/organise/allocation/")
    expect(page.get_by_role("heading", name="Allocate students to home groups")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "applications-allocation-form")
    page.get_by_label("Event capacity").fill("10")
    page.get_by_label("Random seed for ties").fill("7")
    page.get_by_role("button", name="Preview the allocation").click()
    expect(page.locator("#placed-count")).to_have_text("10")
    expect(page.locator("#group-chart")).to_be_visible()
    page.wait_for_function("() => window.Chart !== undefined && Chart.getChart('group-chart') !== undefined")
    assert_accessible(page)
    screenshot(page, "applications-allocation-preview")
    assert not Application.objects.filter(status=ApplicationStatus.ACCEPTED).exists()
    page.get_by_role("button", name="Apply this run").click()
    expect(page.get_by_text("students accepted into home groups, 6 waitlisted.", exact=False)).to_be_visible()
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 10
    page.get_by_role("link", name="← Allocation for").click()
    page.get_by_role("button", name="Publish decisions to schools").click()
    expect(page.get_by_text("Decisions published: 16 applications")).to_be_visible()
    assert len(mailoutbox) == 2
    assert page.console_errors == []


def test_a_run_computed_by_a_worker_shows_itself_when_ready(page, organiser, event, cohort, settings):
    """With a worker backend the run page says it is working, polls, and shows the preview once the task is done."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    sign_in(page, organiser.username, TEST_PASSWORD)
    page.goto("/organise/allocation/")
    page.get_by_label("Event capacity").fill("10")
    page.get_by_role("button", name="Preview the allocation").click()
    expect(page.get_by_role("status")).to_contain_text("Working on it…")
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "applications-allocation-working")
    run = services.allocation_run_compute(run_id=AllocationRun.objects.get().pk)  # what the worker does
    assert run.state == "ready"
    expect(page.locator("#placed-count")).to_have_text("10", timeout=15_000)
    expect(page.get_by_role("button", name="Apply this run")).to_be_visible()
    assert page.console_errors == []
