import datetime

import factory
from django.utils import timezone

from feedback.models import Option, Question, QuestionKind, Survey, SurveyGroup
from tests.factories.applications import HomeGroupFactory
from tests.factories.core import EventFactory


def _at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2030, 6, day, hour, 0, tzinfo=timezone.get_default_timezone())


class SurveyFactory(factory.django.DjangoModelFactory):
    """A survey open through the factory event's week (17 to 21 June 2030)."""

    class Meta:
        model = Survey

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"End of week feedback {n}")
    audience_kind = "home"
    opens_at = factory.LazyFunction(lambda: _at(17, 9))
    closes_at = factory.LazyFunction(lambda: _at(21, 17))


class SurveyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyGroup

    survey = factory.SubFactory(SurveyFactory)
    home_group = factory.SubFactory(HomeGroupFactory, event=factory.SelfAttribute("..survey.event"))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(int)
    kind = QuestionKind.RATING
    text = factory.Sequence(lambda n: f"Question {n}?")


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.SINGLE)
    order = factory.Sequence(int)
    label = factory.Sequence(lambda n: f"Option {n}")
