"""An event with every kind of personal data the site holds: a school and its contact account, a student's
application with a history of changes, a sub-group, and a named survey with a free-text answer."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from applications.models import Application, ApplicationStatus, School
from eventsite.roles import SCHOOL_CONTACTS
from feedback import services as feedback_services
from feedback.models import QuestionKind
from tests.factories import (
    ApplicationChoiceFactory,
    ApplicationFactory,
    HomeGroupFactory,
    QuestionFactory,
    SchoolFactory,
    SubGroupFactory,
    SurveyFactory,
    SurveyGroupFactory,
    UserFactory,
)
from timetable.models import SubGroupMember

LONDON = timezone.get_default_timezone()
# The factory event runs 17 to 21 June 2030 and keeps personal data 90 days: until 19 September 2030.
RETENTION_ENDS = datetime.date(2030, 9, 19)
DURING_EVENT = datetime.datetime(2030, 6, 19, 12, 0, tzinfo=LONDON)
DAY_BEFORE_END = datetime.datetime(2030, 9, 18, 23, 59, tzinfo=LONDON)
RETENTION_END = datetime.datetime(2030, 9, 19, 0, 1, tzinfo=LONDON)
NEEDS = "Wheelchair user; needs step-free rooms"


@dataclass
class World:
    event: object
    school: School
    contact: object
    application: Application
    other: Application
    group: object
    survey: object
    text_question: object


def contact_user(username: str):
    user = UserFactory(username=username, first_name="Casey", last_name="Contact")
    user.groups.add(Group.objects.get(name=SCHOOL_CONTACTS))
    return user


@pytest.fixture
def world(event, time_machine):
    time_machine.move_to(DURING_EVENT, tick=False)
    contact = contact_user("casey@brookfield.example.org")
    school = SchoolFactory(
        name="Brookfield High",
        contact_name="Casey Contact",
        contact_email="casey@brookfield.example.org",
        contact_phone="0151 000 0000",
    )
    school.contacts.add(contact)
    group = HomeGroupFactory(event=event, name="Cancer services home group")
    application = ApplicationFactory(
        event=event,
        school=school,
        first_name="Amy",
        surname="Example",
        statement="I want to be a radiographer like my aunt.",
        needs=NEEDS,
        guardian_name="Gina Example",
        consent_date=datetime.date(2030, 3, 2),
    )
    application.history.filter(history_type="+").update(history_user=contact)  # the contact entered it
    ApplicationChoiceFactory(application=application, rank=1, service_area=group.service_area)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.ACCEPTED, home_group=group)
    application.refresh_from_db()
    application.statement = "I want to be a radiographer."
    application.save()
    other = ApplicationFactory(event=event, school=school, first_name="Ben", surname="Sample", needs="")
    sub_group = SubGroupFactory(home_group=group, name="Group A")
    SubGroupMember.objects.create(sub_group=sub_group, application=application)
    survey = SurveyFactory(event=event, title="End of week", anonymous=False)
    survey_group = SurveyGroupFactory(survey=survey, home_group=group)
    rating = QuestionFactory(survey=survey, kind=QuestionKind.RATING, text="How was it?")
    text = QuestionFactory(survey=survey, kind=QuestionKind.TEXT, text="Best part?", required=False)
    for token, name, best in [("one", "Amy Example", "Meeting Dr Patel with my friend Ben"), ("two", "", "")]:
        answers = {rating.pk: 5}
        if best:
            answers[text.pk] = best
        feedback_services.response_submit(
            survey=survey,
            code=survey_group.code,
            device_token=token,
            submission_token=token,
            answers=answers,
            name=name,
        )
    return World(event, school, contact, application, other, group, survey, text)
