"""Organisers build surveys in the admin: template questions, copies to another event, session audiences."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.urls import reverse

from feedback import services
from feedback.models import AudienceKind, Question, Survey
from profiles.models import QRLink
from tests.factories import (
    EventFactory,
    GroupVisitFactory,
    HomeGroupFactory,
    SessionFactory,
    SubGroupFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:feedback_survey_changelist")


def test_the_survey_list_shows_responses_and_links(organiser_client, survey, group):
    body = organiser_client.get(CHANGELIST).content.decode()
    assert survey.title in body
    assert reverse("feedback:report", args=[survey.pk]) in body


def test_the_template_action_adds_the_three_questions(organiser_client, event):
    empty = SurveyFactory(event=event)
    response = organiser_client.post(
        CHANGELIST, {"action": "add_template_questions", ACTION_CHECKBOX_NAME: [empty.pk]}, follow=True
    )
    assert "Added 3 questions from the template." in response.content.decode()
    assert list(empty.questions.values_list("key", flat=True)) == ["interest", "career", "learnt"]


def test_the_copy_action_asks_for_the_event_then_copies(organiser_client, survey):
    later = EventFactory(name="Next year", start_date=survey.event.start_date + datetime.timedelta(days=364))
    data = {"action": "copy_to_event", ACTION_CHECKBOX_NAME: [survey.pk]}
    page = organiser_client.post(CHANGELIST, data)
    assert "Copy surveys to another event" in page.content.decode()
    response = organiser_client.post(CHANGELIST, {**data, "apply": "1", "event": later.pk}, follow=True)
    assert "Copied 1 survey(s) to Next year." in response.content.decode()
    copy = Survey.objects.get(event=later)
    assert copy.questions.count() == survey.questions.count() == 5


def test_a_new_yes_no_question_gets_its_options(organiser_client, survey):
    response = organiser_client.post(
        reverse("admin:feedback_question_add"),
        {
            "survey": survey.pk,
            "order": 7,
            "kind": "yes_no",
            "text": "Would you come again?",
            "required": "on",
            "scale_min": 1,
            "scale_max": 5,
            "top_box_min": 3,
            "max_length": 500,
            "options-TOTAL_FORMS": 0,
            "options-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get(text="Would you come again?")
    assert list(question.options.values_list("label", "positive")) == [("Yes", True), ("No", False)]


def test_a_session_survey_takes_the_session_s_groups(event):
    own, sub_owner, visitor, _ = (HomeGroupFactory(event=event, name=n) for n in ("Own", "Sub", "Visitor", "Other"))
    session = SessionFactory(event=event, home_groups=[own])
    session.sub_groups.add(SubGroupFactory(home_group=sub_owner))
    session.visits.add(GroupVisitFactory(home_group=visitor, service_area=session.service_area))
    survey = SurveyFactory(event=event, audience_kind=AudienceKind.SESSION, session=session)
    rows = services.survey_audience_from_session(survey=survey)
    assert [row.home_group.name for row in rows] == ["Own", "Sub", "Visitor"]
    session.for_everyone = True
    session.save()
    assert len(services.survey_audience_from_session(survey=survey)) == 4


def test_a_session_audience_needs_a_session(event):
    with pytest.raises(ValidationError, match="Choose the session"):
        SurveyFactory.build(event=event, audience_kind=AudienceKind.SESSION).clean()


def test_share_makes_a_qr_link_to_the_group_s_questions_once(organiser_client, survey, group):
    url = reverse("feedback:share_qr", args=[survey.pk])
    organiser_client.post(url, {"group": group.pk})
    organiser_client.post(url, {"group": group.pk})
    link = QRLink.objects.get()
    assert link.target_path == f"/s/{survey.key}/{group.code}/"
    body = organiser_client.get(reverse("feedback:share", args=[survey.pk])).content.decode()
    assert reverse("profiles:qrlink_svg", args=[link.code]) in body
