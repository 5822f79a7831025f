"""A student answers a survey on a phone after scanning its QR code; an organiser reads and prints the report."""

import datetime
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback import services
from feedback.models import Question, QuestionKind, Response
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories import HomeGroupFactory, SurveyFactory, SurveyGroupFactory
from tests.factories.core import TEST_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_survey(event):
    """A survey open now (the live server runs on the real clock), from the write-up's template."""
    now = timezone.now()
    survey = SurveyFactory(
        event=event,
        title="Cancer services week: your feedback",
        intro="Three quick questions about your week.",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=1),
    )
    services.survey_add_template_questions(survey=survey)
    Question.objects.create(
        survey=survey, order=4, kind=QuestionKind.TEXT, text="What was the best part?", required=False
    )
    return survey


def test_a_student_scans_the_qr_code_and_answers_once(page, open_survey, organiser):
    group = SurveyGroupFactory(
        survey=open_survey, home_group=HomeGroupFactory(event=open_survey.event, name="Cancer services")
    )
    link = services.survey_group_qr_link(survey=open_survey, group=group, by=organiser)
    page.goto(link.short_path)
    expect(page.get_by_role("heading", level=1)).to_have_text(open_survey.title)
    expect(page.get_by_text("Your group: Cancer services")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "feedback-survey")

    page.get_by_role("button", name="Send my answers").click()  # nothing chosen yet
    expect(page.get_by_text("Please answer this question.").first).to_be_visible()
    assert Response.objects.count() == 0
    assert_accessible(page)
    screenshot(page, "feedback-survey-errors")

    page.get_by_role("radio", name="4", exact=True).check()
    page.get_by_role("group", name="Would you consider a career in cancer services?*").get_by_label("Maybe").check()
    page.get_by_role("group", name="Did you learn something new?*").get_by_label("Yes").check()
    page.get_by_label("What was the best part?").fill("Seeing the radiotherapy planning <3")
    page.get_by_role("button", name="Send my answers").dblclick()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "feedback-thanks")

    # Back to the form and send it again: still one response, now changed.
    page.get_by_role("link", name="Change my answers").click()
    expect(page.get_by_text("You have answered already")).to_be_visible()
    expect(page.get_by_role("radio", name="4", exact=True)).to_be_checked()
    page.get_by_role("radio", name="5", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers have been updated.")).to_be_visible()
    response = Response.objects.get()
    assert response.answers.get(question__key="interest").rating == 5
    assert response.edits == 1
    assert page.console_errors == []


def test_an_organiser_reads_and_prints_the_report(page, open_survey, organiser):
    groups = [
        SurveyGroupFactory(survey=open_survey, home_group=HomeGroupFactory(event=open_survey.event, name=name))
        for name in ("Cancer services", "Visitors from nursing")
    ]
    questions = {q.key or q.kind: q for q in open_survey.questions.prefetch_related("options")}
    option = {(q.key, o.label): o.pk for q in questions.values() for o in q.options.all()}
    for index in range(12):
        answers = {
            questions["interest"].pk: (1, 3, 4, 5, 5, 4)[index % 6],
            questions["career"].pk: option[("career", ("Yes", "Maybe", "Yes", "No")[index % 4])],
            questions["learnt"].pk: option[("learnt", "Yes")],
        }
        if index % 3 == 0:
            answers[questions["text"].pk] = f"Comment number {index} <b>not bold</b>"
        services.response_submit(
            survey=open_survey,
            code=groups[index % 2].code,
            device_token=uuid.uuid4().hex,
            submission_token=uuid.uuid4().hex,
            answers=answers,
        )
    sign_in(page, organiser.username, TEST_PASSWORD)
    page.goto("/feedback/")
    expect(page.get_by_role("heading", name="Headline figures")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "feedback-surveys")
    page.get_by_role("link", name=f"Report on {open_survey.title}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(open_survey.title)
    expect(page.get_by_text("83%").first).to_be_visible()  # 10 of 12 rated 3 or more
    expect(page.locator(f"canvas#chart-{questions['interest'].pk}")).to_be_visible()
    expect(page.get_by_text("Comment number 0 <b>not bold</b>")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "feedback-report")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this report")).to_be_hidden()
    screenshot(page, "feedback-report-print")
    page.emulate_media(media="screen")

    page.get_by_role("button", name="Hide this answer").first.click()
    expect(page.get_by_text("Comment number 9")).to_have_count(0)
    page.goto(f"/feedback/surveys/{open_survey.pk}/share/")
    page.get_by_role("button", name="Make a QR code for Cancer services").click()
    expect(page.get_by_role("img", name="QR code for Cancer services: scan it to answer")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "feedback-share")
    assert page.console_errors == []
