"""Purging the demo event removes every student's and contact's personal data and leaves its impact report, as
`event_report --format json` prints it, exactly the same."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from applications.models import Application, School
from eventsite.demo import DEMO_SLUG
from feedback.models import Answer, Response

pytestmark = pytest.mark.django_db

AFTER_RETENTION = datetime.datetime(2024, 9, 20, 9, 0, tzinfo=timezone.get_default_timezone())


def report() -> dict:
    out = StringIO()
    call_command("event_report", DEMO_SLUG, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_events_report_is_the_same_after_the_purge(time_machine):
    time_machine.move_to(AFTER_RETENTION, tick=False)
    call_command("seed_demo", stdout=StringIO())
    before = report()
    assert before["students_attending"] == 250
    assert Answer.objects.exclude(text="").exists()

    call_command("purge_personal_data", DEMO_SLUG, stdout=StringIO())

    assert report() == before
    assert not Application.objects.exclude(first_name="Student").exists()
    assert not Application.objects.exclude(needs="", statement="", guardian_name="").exists()
    assert not Application.history.exclude(first_name="Student").exists()
    assert not School.objects.filter(applications__event__slug=DEMO_SLUG).exclude(contact_email="").exists()
    assert not Response.objects.exclude(respondent_name="").exists()
    assert not Answer.objects.exclude(text="").exists()
