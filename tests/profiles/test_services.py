import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError

from profiles import caching, qr, services
from profiles.models import DailySalt, QRLink, Scan
from tests.factories import JobProfileFactory, QRLinkFactory

pytestmark = pytest.mark.django_db
LONDON = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time


def test_qrlink_create_for_any_page_of_the_site(event, organiser):
    link = services.qrlink_create(
        event=event, target_path=" /careers/?area=x ", placement=" Day 1 slides ", created_by=organiser
    )
    assert (link.target_path, link.placement, link.created_by) == ("/careers/?area=x", "Day 1 slides", organiser)
    assert qr.is_code(link.code)


@pytest.mark.parametrize("target", ["//evil.com", "https://evil.com", "javascript:alert(1)", "/no-such-page/"])
def test_qrlink_create_refuses_a_target_off_the_site(event, target):
    with pytest.raises(ValidationError):
        services.qrlink_create(event=event, target_path=target, placement="Stand")
    assert not QRLink.objects.exists()


def test_qrlink_create_draws_again_when_a_code_is_taken(event, profile, monkeypatch):
    taken = QRLinkFactory(profile=profile)
    codes = iter([taken.code, "bcdefghjkm"])
    monkeypatch.setattr(qr, "new_code", lambda: next(codes))
    link = services.qrlink_create(event=event, target_path="/careers/", placement="Stand")
    assert link.code == "bcdefghjkm"


def test_jobprofile_create_validates_and_links_related_roles(service_area):
    other = JobProfileFactory(service_area=service_area)
    profile = services.jobprofile_create(
        service_area=service_area,
        title="Dietitian",
        slug="dietitian",
        summary="Food science for patients.",
        day_to_day="You plan what patients eat.",
        related_roles=[other],
    )
    assert list(other.related_roles.all()) == [profile]  # links go both ways
    with pytest.raises(ValidationError):
        services.jobprofile_create(service_area=service_area, title="X", slug="x", summary="", day_to_day="")


def test_publishing_counts_only_changes():
    profiles = [JobProfileFactory(published=False), JobProfileFactory(published=True)]
    assert services.jobprofile_set_published(profiles=profiles, published=True) == 1
    assert services.qrlink_set_active(links=[QRLinkFactory()], active=False) == 1


def test_scans_use_one_salt_a_day_and_forget_past_days(link):
    monday = datetime.datetime(2030, 6, 17, 10, 0, tzinfo=LONDON)
    first = services.scan_record(link_id=link.pk, address="203.0.113.5", user_agent="Phone", at=monday)
    again = services.scan_record(link_id=link.pk, address="203.0.113.5", user_agent="Phone", at=monday)
    other = services.scan_record(link_id=link.pk, address="203.0.113.9", user_agent="Phone", at=monday)
    assert first.visitor_hash == again.visitor_hash != other.visitor_hash
    assert Scan.objects.get(pk=first.pk).visitor_hash == first.visitor_hash
    assert (first.link_id, first.scanned_at) == (link.pk, monday)
    cache.clear()
    tuesday = services.scan_record(
        link_id=link.pk, address="203.0.113.5", user_agent="Phone", at=monday + datetime.timedelta(days=1)
    )
    assert tuesday.visitor_hash != first.visitor_hash
    assert list(DailySalt.objects.values_list("day", flat=True)) == [datetime.date(2030, 6, 18)]
    assert Scan.objects.count() == 4


def test_a_scan_just_after_midnight_belongs_to_the_local_day(link):
    with time_machine.travel(datetime.datetime(2030, 6, 17, 23, 30, tzinfo=datetime.UTC), tick=False):
        services.scan_record(link_id=link.pk, address="203.0.113.5", user_agent="Phone")
    assert DailySalt.objects.get().day == datetime.date(2030, 6, 18)


def test_saving_a_profile_starts_a_new_page_generation(profile, django_capture_on_commit_callbacks):
    caching.invalidate()
    before = cache.get(caching.GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    assert cache.get(caching.GENERATION_KEY) != before
