import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from profiles.models import JobProfile, QRLink
from tests.factories import EventFactory, JobProfileFactory, QRLinkFactory, ServiceAreaFactory

pytestmark = pytest.mark.django_db

EVIL_TARGETS = ["//evil.com", "https://evil.com", "javascript:alert(1)", "/\\evil.com", "evil.com", "/\t/evil.com"]


@pytest.mark.parametrize("target", EVIL_TARGETS)
def test_the_database_refuses_a_target_off_the_site(event, target):
    with pytest.raises(IntegrityError), transaction.atomic():
        QRLink.objects.create(event=event, target_path=target, placement="Stand")


@pytest.mark.parametrize("target", EVIL_TARGETS)
def test_clean_refuses_a_target_off_the_site(event, target):
    with pytest.raises(ValidationError, match="starting with a single /"):
        QRLink(event=event, target_path=target, placement="Stand").full_clean()


def test_clean_refuses_a_page_that_does_not_exist_or_another_qr_link(event):
    with pytest.raises(ValidationError, match="no page at this address"):
        QRLink(event=event, target_path="/no-such-page/", placement="Stand").full_clean()
    with pytest.raises(ValidationError, match="cannot lead to another QR link"):
        QRLink(event=event, target_path="/q/abcdefghjk", placement="Stand").full_clean()


def test_a_link_has_exactly_one_target(event, profile):
    with pytest.raises(IntegrityError), transaction.atomic():
        QRLink.objects.create(event=profile.service_area.event, profile=profile, target_path="/careers/")
    with pytest.raises(IntegrityError), transaction.atomic():
        QRLink.objects.create(event=event, placement="Stand")
    with pytest.raises(ValidationError, match="not both"):
        QRLink(event=event, profile=profile, target_path="/careers/", placement="Stand").full_clean()


def test_a_link_to_a_profile_belongs_to_the_profile_event(profile):
    other_event = EventFactory()
    with pytest.raises(ValidationError, match="job profile of this event"):
        QRLink(event=other_event, profile=profile, placement="Stand").full_clean()


def test_codes_are_generated_and_checked_by_the_database(profile):
    link = QRLinkFactory(profile=profile)
    assert len(link.code) == 10
    assert link.short_url == f"http://localhost:8000/q/{link.code}"
    with pytest.raises(IntegrityError), transaction.atomic():
        QRLink.objects.filter(pk=link.pk).update(code="../admin/x")


def test_a_link_leads_to_its_profile_or_the_careers_list_while_unpublished(profile):
    link = QRLinkFactory(profile=profile)
    assert link.target_url() == "/careers/therapeutic-radiographer/"
    profile.published = False
    profile.save()
    assert link.target_url() == "/careers/"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"salary_min": 30_000, "salary_max": 20_000}, "must not be below"),
        ({"salary_min": 30_000, "salary_max": None}, "both ends"),
        ({"pay_band": "5", "salary_min": None, "salary_max": None}, "yearly range of the band"),
        ({"salary_year": None}, "which year"),
    ],
)
def test_salary_must_make_sense(fields, message):
    profile = JobProfileFactory.build(service_area=ServiceAreaFactory(), **fields)
    with pytest.raises(ValidationError, match=message):
        profile.full_clean()


@pytest.mark.parametrize(
    "fields",
    [
        {"salary_min": 30_000, "salary_max": 20_000},
        {"salary_min": 30_000, "salary_max": None},
        {"pay_band": "5", "salary_min": None, "salary_max": None},
        {"salary_year": None},
    ],
)
def test_the_database_guards_the_salary_too(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        JobProfileFactory(**fields)


def test_a_role_outside_agenda_for_change_gives_a_free_range():
    profile = JobProfileFactory(pay_band="", salary_min=105_504, salary_max=139_882, salary_year=2024)
    profile.full_clean()
    assert (profile.salary_range, profile.pay_year_label) == ("£105,504 to £139,882", "2024/25")
    assert JobProfileFactory(pay_band="2", salary_min=23_615, salary_max=23_615).salary_range == "£23,615"


def test_profile_helpers():
    profile = JobProfileFactory(skills="Teamwork\n\n  Listening  \n", route_apprenticeship=True, route_degree=True)
    assert profile.skill_list == ["Teamwork", "Listening"]
    assert profile.routes == ["Apprenticeship", "Degree"]
    assert profile.get_absolute_url() == f"/careers/{profile.slug}/"
    assert list(JobProfile.objects.published()) == [profile]
