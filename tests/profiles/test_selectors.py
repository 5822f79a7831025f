import datetime

import pytest
from django.utils import timezone

from profiles import selectors
from profiles.selectors import DayCount, ScanRow
from tests.factories import JobProfileFactory, QRLinkFactory, ScanFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2030, 6, 17 + day, hour, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def week(event, service_area):
    """Two profiles, a slide link to the careers list, a link to another page, and scans over the week."""
    nurse = JobProfileFactory(service_area=service_area, title="Chemotherapy nurse", slug="chemotherapy-nurse")
    radio = JobProfileFactory(service_area=service_area, title="Radiographer", slug="radiographer")
    JobProfileFactory(service_area=service_area, published=False)
    stand_nurse = QRLinkFactory(event=event, profile=nurse, placement="Marketplace stand")
    stand_radio = QRLinkFactory(event=event, profile=radio, placement="Marketplace stand")
    slides = QRLinkFactory(event=event, profile=None, target_path="/careers/", placement="Day 1 slides")
    privacy = QRLinkFactory(event=event, profile=None, target_path="/privacy/", placement="Welcome pack")
    for link, day, visitor in [
        (slides, 0, "a"),
        (slides, 0, "a"),
        (slides, 0, "b"),
        (stand_nurse, 1, "c"),
        (stand_nurse, 3, "c"),
        (stand_radio, 3, "d"),
        (privacy, 3, "e"),
    ]:
        ScanFactory(link=link, scanned_at=at(day), visitor_hash=visitor * 32)
    ScanFactory(link=slides, scanned_at=at(7), visitor_hash="f" * 32)  # a week later
    QRLinkFactory(profile=JobProfileFactory(service_area=ServiceAreaFactory()))  # another event's link
    return event


def test_scan_totals(week):
    totals = selectors.scan_totals(week, today=datetime.date(2030, 6, 20))
    assert (totals.total, totals.unique, totals.today, totals.profile_pages) == (8, 6, 3, 7)
    assert totals.by_day == [
        DayCount(datetime.date(2030, 6, 17), 3, 2),
        DayCount(datetime.date(2030, 6, 18), 1, 1),
        DayCount(datetime.date(2030, 6, 19), 0, 0),
        DayCount(datetime.date(2030, 6, 20), 3, 3),
        DayCount(datetime.date(2030, 6, 21), 0, 0),
        DayCount(datetime.date(2030, 6, 24), 1, 1),
    ]


def test_a_scan_late_in_the_evening_counts_on_its_local_day(event, link):
    ScanFactory(link=link, scanned_at=datetime.datetime(2030, 6, 17, 23, 30, tzinfo=datetime.UTC))
    totals = selectors.scan_totals(link.event, today=datetime.date(2030, 6, 18))
    assert totals.today == 1
    assert totals.by_day[1] == DayCount(datetime.date(2030, 6, 18), 1, 1)


def test_scans_by_profile_and_by_placement(week):
    assert selectors.scans_by_profile(week) == [
        ScanRow("All careers", 4, 3),
        ScanRow("Chemotherapy nurse", 2, 1, "chemotherapy-nurse"),
        ScanRow("/privacy/", 1, 1),
        ScanRow("Radiographer", 1, 1, "radiographer"),
    ]
    assert selectors.scans_by_placement(week) == [
        ScanRow("Day 1 slides", 4, 3),
        ScanRow("Marketplace stand", 3, 2),
        ScanRow("Welcome pack", 1, 1),
    ]


def test_careers_showcased_counts_published_profiles_of_the_event(week):
    assert selectors.careers_showcased(week) == 2


def test_an_event_without_scans(event):
    totals = selectors.scan_totals(event, today=datetime.date(2030, 6, 17))
    assert (totals.total, totals.unique, totals.today, totals.profile_pages) == (0, 0, 0, 0)
    assert [day.total for day in totals.by_day] == [0, 0, 0, 0, 0]


def test_figures_take_the_same_queries_however_many_scans(week, django_assert_num_queries):
    for extra in range(30):
        ScanFactory(link=week.qr_links.first(), scanned_at=at(extra % 5))
    with django_assert_num_queries(2):
        selectors.scan_totals(week)
    with django_assert_num_queries(1):
        selectors.scans_by_profile(week)
    with django_assert_num_queries(1):
        selectors.scans_by_placement(week)


def test_profile_list_filters_and_searches(week, service_area):
    other_area = ServiceAreaFactory(event=week, name="Mental health", slug="mental-health", order=999)
    JobProfileFactory(service_area=other_area, title="Mental health nurse", slug="mh-nurse", summary="Listens.")

    def titles(**filters):
        return [profile.title for profile in selectors.profile_list(week, **filters)]

    assert titles() == ["Chemotherapy nurse", "Radiographer", "Mental health nurse"]
    assert titles(area_slug="mental-health") == ["Mental health nurse"]
    assert titles(search="NURSE") == ["Chemotherapy nurse", "Mental health nurse"]
    assert titles(search="nurse", area_slug="cancer-services") == ["Chemotherapy nurse"]
    assert titles(search="teamwork") == ["Chemotherapy nurse", "Radiographer", "Mental health nurse"]
    assert [a.name for a in selectors.areas_with_profiles(week)] == ["Cancer services", "Mental health"]


def test_scan_target_of_active_links_only(link):
    assert selectors.scan_target(link.code) == selectors.ScanTarget(link.pk, "/careers/therapeutic-radiographer/")
    assert selectors.scan_target("zzzzzzzzzz") is None
    link.is_active = False
    link.save()
    assert selectors.scan_target(link.code) is None


def test_published_profile_reads_the_page_with_its_area_and_published_related_roles(
    service_area, django_assert_num_queries
):
    profile = JobProfileFactory(service_area=service_area, title="Dietitian", slug="dietitian", skills="Maths\nCare")
    nurse = JobProfileFactory(service_area=service_area, title="Nurse", order=2)
    JobProfileFactory(service_area=service_area, title="Draft", published=False).related_roles.add(profile)
    dentist = JobProfileFactory(service_area=service_area, title="Dentist", order=1)
    profile.related_roles.add(nurse, dentist)
    selectors.published_profile("dietitian")  # on PostgreSQL, prepares the query on this connection
    with django_assert_num_queries(1):
        found = selectors.published_profile("dietitian")
        assert (found.profile.pk, found.profile.title, found.profile.skill_list) == (
            profile.pk,
            "Dietitian",
            ["Maths", "Care"],
        )
        assert found.profile.service_area.name == service_area.name
        assert [(role.title, role.get_absolute_url()) for role in found.related_roles] == [
            ("Dentist", dentist.get_absolute_url()),
            ("Nurse", nurse.get_absolute_url()),
        ]
    assert selectors.published_profile("no-such-job") is None
    JobProfileFactory(service_area=service_area, slug="hidden", published=False)
    assert selectors.published_profile("hidden") is None
