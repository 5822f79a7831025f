"""A small world for the security tests: two schools with an application each, two presenters with a session
each, a published job profile with a QR link, a survey with an answer, a home group with its public week, an
allocation run, and a client for every role. The clock stands inside the event's application window."""

import contextlib
import datetime
import uuid
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from applications import services as application_services
from applications.models import ApplicationStatus
from eventsite.layers import PROJECT_APPS
from eventsite.roles import ORGANISERS, PRESENTERS, SCHOOL_CONTACTS
from feedback import services as feedback_services
from feedback.forms import sign_submission_token
from feedback.models import Answer, Question, QuestionKind
from tests.conftest import user_with_role
from tests.factories import (
    ApplicationChoiceFactory,
    ApplicationFactory,
    EventFactory,
    HomeGroupFactory,
    JobProfileFactory,
    OrganisationFactory,
    PresenterFactory,
    QRLinkFactory,
    RoomFactory,
    SchoolFactory,
    ServiceAreaFactory,
    SessionFactory,
    SurveyFactory,
    SurveyGroupFactory,
)
from timetable import services as timetable_services
from timetable.models import ChangeRequest, SessionState, Unavailability

# Inside the factory event's application window (1 March to 26 April 2030), before its week (17 June 2030).
IN_WINDOW = datetime.datetime(2030, 3, 15, 12, 0, tzinfo=datetime.UTC)
# During the week, when surveys are open.
DURING_WEEK = datetime.datetime(2030, 6, 18, 10, 30, tzinfo=datetime.UTC)

ROLES = ("anonymous", "student", "school_a", "school_b", "presenter_a", "presenter_b", "organiser", "superuser")


@dataclass
class World:
    event: object
    areas: list
    school_a: object
    school_b: object
    application_a: object
    application_b: object
    home_group: object
    public_week: object
    room: object
    presenter_a: object
    presenter_b: object
    session_a: object
    session_b: object
    unavailability_a: object
    change_request_a: object
    profile: object
    draft_profile: object
    qr_link: object
    survey: object
    survey_group: object
    text_question: object
    text_answer: object
    allocation_run: object
    users: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        client = Client()
        if role == "student":
            # A student has no account: only the survey's device cookie, from opening the survey.
            client.get(f"/s/{self.survey.key}/")
        elif role != "anonymous":
            client.force_login(self.users[role])
        return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and cached public pages live in the cache: each test starts from none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def in_window(time_machine):
    time_machine.move_to(IN_WINDOW, tick=False)


def _users() -> dict:
    school_a = user_with_role(SCHOOL_CONTACTS, username="contact.a@school-a.example.org")
    school_b = user_with_role(SCHOOL_CONTACTS, username="contact.b@school-b.example.org")
    return {
        "school_a": school_a,
        "school_b": school_b,
        "presenter_a": user_with_role(PRESENTERS, username="pat.presenter", first_name="Pat"),
        "presenter_b": user_with_role(PRESENTERS, username="quinn.presenter", first_name="Quinn"),
        "organiser": user_with_role(ORGANISERS, username="olivia.organiser"),
        "superuser": get_user_model().objects.create_superuser("root.admin", "root@example.org", "unused-password-1"),
    }


@pytest.fixture
def world(db, in_window) -> World:
    users = _users()
    event = EventFactory(slug="eow-security")
    areas = [ServiceAreaFactory(event=event, name=name, slug=name.lower()) for name in ("Cancer", "Nursing")]
    school_a = SchoolFactory(name="School A", urn="111111")
    school_a.contacts.add(users["school_a"])
    school_b = SchoolFactory(name="School B", urn="222222")
    school_b.contacts.add(users["school_b"])
    applications = []
    for school in (school_a, school_b):
        application = ApplicationFactory(event=event, school=school, needs="Uses a wheelchair")
        ApplicationChoiceFactory(application=application, rank=1, service_area=areas[0])
        applications.append(application)
    home_group = HomeGroupFactory(event=event, service_area=areas[0], name="Cancer group", capacity=21)
    ApplicationFactory(event=event, school=school_a, status=ApplicationStatus.ACCEPTED, home_group=home_group)
    public_week = timetable_services.public_timetable_publish(home_group=home_group, by=users["organiser"])
    room = RoomFactory(event=event, name="Lecture theatre")
    organisation = OrganisationFactory(name="Partner Trust")
    presenters = [
        PresenterFactory(user=users[role], organisation=organisation) for role in ("presenter_a", "presenter_b")
    ]
    sessions = [
        SessionFactory(
            event=event,
            service_area=areas[0],
            room=room,
            state=SessionState.DRAFT,
            owner=presenter.user,
            presenters=[presenter],
            starts_at=datetime.time(10 + i, 0),
            ends_at=datetime.time(10 + i, 45),
        )
        for i, presenter in enumerate(presenters)
    ]
    unavailability = Unavailability.objects.create(
        presenter=presenters[0], event=event, day_index=1, starts_at=datetime.time(9), ends_at=datetime.time(10)
    )
    change_request = ChangeRequest.objects.create(
        session=sessions[0], requested_by=users["presenter_a"], message="Please move it to the afternoon."
    )
    profile = JobProfileFactory(service_area=areas[0], title="Dietitian", slug="dietitian")
    draft_profile = JobProfileFactory(service_area=areas[0], title="Porter", slug="porter", published=False)
    qr_link = QRLinkFactory(event=event, profile=profile)
    survey = SurveyFactory(event=event, title="End of week")
    feedback_services.survey_add_template_questions(survey=survey)
    text_question = Question.objects.create(
        survey=survey, order=9, kind=QuestionKind.TEXT, text="Best part?", required=False, max_length=200
    )
    survey_group = SurveyGroupFactory(survey=survey, home_group=home_group)
    text_answer = _answer(survey, survey_group, text_question)
    allocation_run = application_services.allocation_run_create(event=event, by=users["organiser"], seed=1)
    return World(
        event=event,
        areas=areas,
        school_a=school_a,
        school_b=school_b,
        application_a=applications[0],
        application_b=applications[1],
        home_group=home_group,
        public_week=public_week,
        room=room,
        presenter_a=presenters[0],
        presenter_b=presenters[1],
        session_a=sessions[0],
        session_b=sessions[1],
        unavailability_a=unavailability,
        change_request_a=change_request,
        profile=profile,
        draft_profile=draft_profile,
        qr_link=qr_link,
        survey=survey,
        survey_group=survey_group,
        text_question=text_question,
        text_answer=text_answer,
        allocation_run=allocation_run,
        users=users,
    )


def _answer(survey, survey_group, text_question) -> Answer:
    """One student's response with a free-text answer, stored through the service as the survey page does."""
    required = {
        question.pk: (1 if question.kind == QuestionKind.RATING else question.options.first().pk)
        for question in survey.questions.filter(required=True).prefetch_related("options")
    }
    feedback_services.response_submit(
        survey=survey,
        code=survey_group.code,
        device_token=uuid.uuid4().hex,
        submission_token=uuid.uuid4().hex,
        answers={**required, text_question.pk: "Meeting the radiographers"},
        now=DURING_WEEK,
    )
    return Answer.objects.get(question=text_question)


def submission_token(survey) -> str:
    return sign_submission_token(survey, uuid.uuid4().hex)


@contextlib.contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def snapshot() -> dict:
    """Every row of the event's apps and the accounts: what a refused request must leave exactly as it was."""
    labels = (*PROJECT_APPS, "auth")
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.app_label in labels
    }
