"""A survey built from the write-up's template (plus a free-text and a multiple-choice question), its audience
group, and a clock inside its week."""

import datetime
import uuid

import pytest
import time_machine
from django.utils import timezone

from feedback import services
from feedback.models import Option, Question, QuestionKind
from tests.factories import HomeGroupFactory, SurveyFactory, SurveyGroupFactory

DURING = datetime.datetime(2030, 6, 18, 10, 30, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def during_week():
    with time_machine.travel(DURING, tick=False):
        yield DURING


@pytest.fixture
def survey(event):
    survey = SurveyFactory(event=event, title="Cancer services week")
    services.survey_add_template_questions(survey=survey)
    Question.objects.create(
        survey=survey, order=4, kind=QuestionKind.TEXT, text="Best part?", required=False, max_length=20
    )
    sessions = Question.objects.create(
        survey=survey, order=5, kind=QuestionKind.MULTIPLE, text="Which did you enjoy?", required=False
    )
    Option.objects.bulk_create(
        [
            Option(question=sessions, order=1, label="Campus tour"),
            Option(question=sessions, order=2, label="Marketplace"),
        ]
    )
    return survey


@pytest.fixture
def group(survey):
    return SurveyGroupFactory(survey=survey, home_group=HomeGroupFactory(event=survey.event, name="Cancer services"))


class SurveyIds:
    """Question and option ids of the fixture survey by key and label, to write answers tersely."""

    def __init__(self, survey):
        self.questions = {q.key or q.kind: q for q in survey.questions.prefetch_related("options")}

    def q(self, key):
        return self.questions[key].pk

    def o(self, key, label):
        return next(o.pk for o in self.questions[key].options.all() if o.label == label)

    def answers(self, interest=4, career="Yes", learnt="Yes", text=None, ticks=()):
        answers = {self.q("interest"): interest, self.q("career"): self.o("career", career)}
        answers[self.q("learnt")] = self.o("learnt", learnt)
        if text is not None:
            answers[self.q("text")] = text
        if ticks:
            answers[self.q("multiple")] = [self.o("multiple", label) for label in ticks]
        return answers


@pytest.fixture
def ids(survey):
    return SurveyIds(survey)


def submit(survey, group, answers, *, device=None, token=None, name="", now=None):
    return services.response_submit(
        survey=survey,
        code=group.code,
        device_token=device or uuid.uuid4().hex,
        submission_token=token or uuid.uuid4().hex,
        answers=answers,
        name=name,
        now=now or DURING,
    )
