"""Prepare a seeded demo database for `bench.load`: the week's peaks need an open application window, an open
survey and a signed-in contact for each school. The demo week is in the past, so its windows are moved around now
(data only; the product is unchanged). Run with
`manage.py shell -c "from bench.load_world import prepare; prepare()"`; prints what the load run needs as JSON.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from applications.models import School
from eventsite.models import Event
from eventsite.roles import SCHOOL_CONTACTS
from feedback.models import Survey
from profiles.models import QRLink

PASSWORD = "load-run-school-contact-password"  # noqa: S105 -- an account of a throw-away benchmark database
SURVEY_TITLE = "Introduction to cancer: your feedback"


@transaction.atomic
def prepare() -> None:
    now = timezone.now()
    event = Event.objects.current()
    # The window closes a few minutes from now: the schools' last-minute rush.
    event.applications_open_at = now - datetime.timedelta(days=30)
    event.applications_close_at = now + datetime.timedelta(minutes=30)
    event.save(update_fields=["applications_open_at", "applications_close_at"])
    survey = Survey.objects.get(event=event, title=SURVEY_TITLE)
    survey.opens_at, survey.closes_at = now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=2)
    survey.save(update_fields=["opens_at", "closes_at"])
    contacts = Group.objects.get(name=SCHOOL_CONTACTS)
    schools = []
    for index, school in enumerate(School.objects.order_by("pk")):
        user = get_user_model().objects.create_user(f"load.contact{index}@school.example.org", password=PASSWORD)
        user.groups.add(contacts)
        school.contacts.add(user)
        school.application_limit = school.applications.filter(event=event).count() + 5
        school.save(update_fields=["application_limit"])
        schools.append(user.username)
    codes = list(
        QRLink.objects.filter(event=event, profile__published=True, is_active=True).values_list("code", flat=True)
    )
    print(
        json.dumps(
            {
                "qr_codes": codes,
                "survey_key": survey.key,
                "group_codes": list(survey.groups.values_list("code", flat=True)),
                "schools": schools,
                "password": PASSWORD,
                "year_group": event.eligible_year_groups[0],
                "today": timezone.localdate().isoformat(),
            }
        )
    )
