"""An event filled through the factories and the apps' services, at any size, with figures known in advance."""

import datetime
import itertools
from dataclasses import dataclass

import pytest
from django.utils import timezone

from applications.models import ApplicationStatus
from feedback import services as feedback_services
from feedback.models import Survey
from tests.factories import (
    ApplicationFactory,
    EventFactory,
    GroupVisitFactory,
    HomeGroupFactory,
    JobProfileFactory,
    OrganisationFactory,
    PresenterFactory,
    QRLinkFactory,
    ScanFactory,
    SchoolFactory,
    ServiceAreaFactory,
    SessionFactory,
    SurveyFactory,
)

DURING = datetime.datetime(2030, 6, 19, 12, 0, tzinfo=timezone.get_default_timezone())  # Wednesday of the week
_devices = itertools.count()


@dataclass(frozen=True)
class Size:
    """How much of everything an event has; its figures follow from these numbers."""

    schools: int = 2  # every other one is a priority school, starting with the first
    students: int = 3  # accepted per school, spread over the home groups
    groups: int = 2
    sessions: int = 2  # per home group, each with its own (guest) presenter
    careers: int = 2
    scans: int = 2  # per career
    responses: int = 2  # per home group: the first rates 2 (not interested) and says no; the others 4 and yes


SMALL = Size()
LARGE = Size(schools=6, students=5, groups=4, sessions=4, careers=5, scans=4, responses=4)


def submit(survey: Survey, group, *, interest: int, career: str, learnt: str = "Yes", now=DURING):
    """One student's answers through the service students use (only the questions the survey has)."""
    questions = {q.key: q for q in survey.questions.prefetch_related("options")}
    option = {(q.key, o.label): o.pk for q in questions.values() for o in q.options.all()}
    code = survey.groups.get(home_group=group).code
    answers = {questions["interest"].pk: interest, questions["career"].pk: option[("career", career)]}
    if "learnt" in questions:
        answers[questions["learnt"].pk] = option[("learnt", learnt)]
    return feedback_services.response_submit(
        survey=survey,
        code=code,
        device_token=f"device-{next(_devices)}",
        submission_token=f"submit-{next(_devices)}",
        answers=answers,
        now=now,
    )


def populate(event, size: Size = SMALL):
    """Fill the event: applications (accepted, and one waitlisted and one rejected per school), home groups, one
    visit with its session, sessions with presenters from two organisations, careers with scanned QR links, and a
    survey of every home group."""
    area = ServiceAreaFactory(event=event, name="Cancer services", slug="cancer-services")
    other_area = ServiceAreaFactory(event=event, name="Nursing", slug="nursing")
    groups = [
        HomeGroupFactory(event=event, service_area=area, name=f"Group {i + 1}", capacity=size.schools * size.students)
        for i in range(size.groups)
    ]
    for i in range(size.schools):
        school = SchoolFactory(priority=i % 2 == 0)
        for j in range(size.students):
            ApplicationFactory(
                event=event, school=school, status=ApplicationStatus.ACCEPTED, home_group=groups[j % size.groups]
            )
        ApplicationFactory(event=event, school=school, status=ApplicationStatus.WAITLISTED)
        ApplicationFactory(event=event, school=school, status=ApplicationStatus.REJECTED)
    organisations = [OrganisationFactory(name="Partner Trust A"), OrganisationFactory(name="Partner Trust B")]
    presenters = itertools.count()
    for group in groups:
        for k in range(size.sessions):
            n = next(presenters)
            presenter = PresenterFactory(user=None, guest_name=f"Guest {n}", organisation=organisations[n % 2])
            SessionFactory(
                event=event,
                service_area=area,
                day_index=k % 5,
                starts_at=datetime.time(9 + k // 5),
                ends_at=datetime.time(10 + k // 5),
                home_groups=[group],
                presenters=[presenter],
            )
    visit = GroupVisitFactory(home_group=groups[0], service_area=other_area)
    SessionFactory(
        event=event,
        service_area=other_area,
        day_index=0,
        starts_at=datetime.time(14),
        ends_at=datetime.time(15),
        visits=[visit],
        presenters=[PresenterFactory(user=None, guest_name="Visiting guest", organisation=organisations[0])],
    )
    for _ in range(size.careers):
        link = QRLinkFactory(profile=JobProfileFactory(service_area=area), event=event)
        ScanFactory.create_batch(size.scans, link=link)
    survey = SurveyFactory(event=event)
    feedback_services.survey_add_template_questions(survey=survey)
    feedback_services.survey_set_audience(survey=survey, home_groups=groups)
    for group in groups:
        submit(survey, group, interest=2, career="No")
        for _ in range(size.responses - 1):
            submit(survey, group, interest=4, career="Yes")
    return survey


@pytest.fixture
def small_event(event):
    populate(event, SMALL)
    return event


@pytest.fixture
def large_event(db):
    event = EventFactory()
    populate(event, LARGE)
    return event
