"""The data the scale-out test drives, built inside the fresh database through the factories and services, and
printed as JSON for the test: run with `manage.py shell -c "from tests.scaleout.world import build; build()"`.

The servers run on the real clock, so the event and the survey are placed around now.
"""

import datetime
import json

from django.contrib.auth.models import Group
from django.utils import timezone

from applications import services as application_services
from eventsite.roles import ORGANISERS
from feedback import services as feedback_services
from tests.factories import (
    ApplicationChoiceFactory,
    ApplicationFactory,
    EventFactory,
    HomeGroupFactory,
    JobProfileFactory,
    QRLinkFactory,
    SchoolFactory,
    ServiceAreaFactory,
    SurveyFactory,
    SurveyGroupFactory,
    UserFactory,
)
from tests.factories.core import TEST_PASSWORD

STUDENTS = 15
GROUP_CAPACITY = 10


def build() -> None:
    now = timezone.now()
    organiser = UserFactory(username="olivia.organiser")
    organiser.groups.add(Group.objects.get(name=ORGANISERS))
    event = EventFactory(
        slug="scale-out",
        start_date=timezone.localdate(),
        applications_open_at=now - datetime.timedelta(days=30),
        applications_close_at=now - datetime.timedelta(days=1),
    )
    area = ServiceAreaFactory(event=event, name="Cancer services", slug="cancer-services")
    group = HomeGroupFactory(event=event, service_area=area, name="Cancer group", capacity=GROUP_CAPACITY)
    school = SchoolFactory(name="Scale-out High", urn="765432")
    for _ in range(STUDENTS):
        ApplicationChoiceFactory(application=ApplicationFactory(event=event, school=school), service_area=area)
    run = application_services.allocation_run_create(event=event, by=organiser, seed=1)
    link = QRLinkFactory(event=event, profile=JobProfileFactory(service_area=area, slug="dietitian"))
    survey = SurveyFactory(
        event=event, opens_at=now - datetime.timedelta(hours=1), closes_at=now + datetime.timedelta(hours=2)
    )
    feedback_services.survey_add_template_questions(survey=survey)
    survey_group = SurveyGroupFactory(survey=survey, home_group=group)
    print(
        json.dumps(
            {
                "organiser": organiser.username,
                "password": TEST_PASSWORD,
                "qr_code": link.code,
                "survey_key": survey.key,
                "group_code": survey_group.code,
                "run": run.pk,
                "students": STUDENTS,
                "placed": run.results["placed"],
            }
        )
    )
