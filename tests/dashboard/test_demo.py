"""The impact report on the demo event gives the write-up's figures, derived from the rows the seed created."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from applications.models import Application, ApplicationStatus
from applications.services import application_withdraw
from dashboard.impact import impact_figures
from eventsite.demo import DEMO_SLUG
from eventsite.models import Event
from feedback.models import Survey
from profiles.models import QRLink
from tests.dashboard.conftest import submit
from tests.factories import ScanFactory

pytestmark = pytest.mark.django_db

CANCER_GROUP = "Cancer services home group"
WRITE_UP = {
    "students attending": 250,
    "in the cancer-services home group": 21,
    "sessions across the week for that group": 7,
    "visiting groups": 4,
    "staff": 32,
    "careers showcased": 22,
    "profile pages opened via QR code": 81,
    "feedback responses": 91,
    "interested: rated 3+ (%)": 96,
    "would consider a career in cancer services (%)": 98,
    "learnt something new (%)": 100,
}


def headline_figures(event) -> dict[str, int | None]:
    figures = impact_figures(event)
    cancer = figures.group(CANCER_GROUP)
    return {
        "students attending": figures.students_attending,
        "in the cancer-services home group": cancer.students,
        "sessions across the week for that group": cancer.sessions,
        "visiting groups": figures.visiting_groups,
        "staff": figures.staff_involved,
        "careers showcased": figures.careers_showcased,
        "profile pages opened via QR code": figures.qr_profile_accesses,
        "feedback responses": figures.feedback_responses,
        "interested: rated 3+ (%)": figures.headline("interest").percent,
        "would consider a career in cancer services (%)": figures.headline("career").percent,
        "learnt something new (%)": figures.headline("learnt").percent,
    }


@pytest.fixture
def demo(capsys):
    call_command("seed_demo")
    capsys.readouterr()
    return Event.objects.get(slug=DEMO_SLUG)


def test_the_demo_report_page_and_command_give_the_write_up_figures(demo, organiser_client, capsys):
    assert headline_figures(demo) == WRITE_UP

    body = organiser_client.get(f"/organise/events/{DEMO_SLUG}/impact/").content.decode()
    call_command("event_report", DEMO_SLUG, "--format", "text")
    text = capsys.readouterr().out
    for shown in ("250", "96%", "98%", "100%", "87 of 91", "89 of 91", "70 of 70"):
        assert shown in body and shown in text
    assert re.search(r"^Cancer services home group: students +21$", text, re.MULTILINE)
    assert re.search(r"^Cancer services home group: sessions across the week +7$", text, re.MULTILINE)
    for label, value in [("Visiting groups", 4), ("Staff involved", 32), ("Careers showcased", 22)]:
        assert re.search(rf"^{label} +{value}$", text, re.MULTILINE)
    assert re.search(r"^Job profile pages opened via QR code +81$", text, re.MULTILINE)
    assert re.search(r"^Feedback responses +91$", text, re.MULTILINE)


def test_the_report_moves_when_a_student_withdraws_and_responses_and_scans_arrive(demo):
    student = Application.objects.filter(event=demo, home_group__name=CANCER_GROUP).order_by("pk").first()
    tz = timezone.get_default_timezone()
    with time_machine.travel(datetime.datetime(2024, 4, 1, 12, 0, tzinfo=tz), tick=False):
        application_withdraw(application=student)
    week_survey = Survey.objects.get(event=demo, title="Cancer services week: your feedback")
    cancer = week_survey.groups.get().home_group
    submit(week_survey, cancer, interest=1, career="No", now=week_survey.opens_at + datetime.timedelta(minutes=5))
    ScanFactory(link=QRLink.objects.filter(event=demo, profile__isnull=False).first())

    expected = WRITE_UP | {
        "students attending": 249,
        "in the cancer-services home group": 20,
        "profile pages opened via QR code": 82,
        "feedback responses": 92,
        "interested: rated 3+ (%)": 95,  # 87 of 92 = 94.6%
        "would consider a career in cancer services (%)": 97,  # 89 of 92 = 96.7%
    }
    assert headline_figures(demo) == expected
    assert Application.objects.get(pk=student.pk).status == ApplicationStatus.WITHDRAWN
