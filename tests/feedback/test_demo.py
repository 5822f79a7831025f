"""The demo's feedback, computed by the report code from the stored rows: the write-up's figures."""

import io
import random

import pytest
from django.core.management import call_command

from eventsite.demo import DemoContext
from feedback import demo, selectors
from feedback.models import AudienceKind, Response, Survey
from tests.factories import EventFactory, HomeGroupFactory

pytestmark = pytest.mark.django_db


def write_up_figures(event):
    headlines = selectors.survey_headlines(event)
    visiting = Survey.objects.get(event=event, title__startswith="Introduction to cancer")
    visiting_report = selectors.survey_report(selectors.survey_for_report(visiting.pk))
    learnt = next(f for f in visiting_report.overall.questions if f.question.key == "learnt")
    return (
        headlines.responses,
        headlines.by_key("interest").share.percent,
        headlines.by_key("career").share.percent,
        learnt.top_box.percent,
        learnt.n,
    )


def test_the_demo_seed_gives_the_write_up_s_figures(capsys):
    call_command("seed_demo", "--seed", "11")
    survey = Survey.objects.get(title__startswith="Cancer services week")
    assert write_up_figures(survey.event) == (91, 96, 98, 100, 70)
    assert survey.audience_kind == AudienceKind.SESSION and survey.session.title.startswith("Review of the week")
    assert Response.objects.filter(survey=survey).count() == 21
    assert "try one on a phone at /q/" in capsys.readouterr().out


@pytest.mark.parametrize("seed", [1, 2024])
def test_the_figures_hold_for_any_seed_without_a_timetable(seed):
    event = EventFactory()
    ctx = DemoContext(event=event, rng=random.Random(seed), out=io.StringIO())
    ctx.objects["cancer_group"] = HomeGroupFactory(event=event, name="Cancer services home group")
    ctx.objects["visiting_groups"] = [HomeGroupFactory(event=event, name=f"Visitors {i}") for i in range(4)]
    demo.seed(ctx)
    assert write_up_figures(event) == (91, 96, 98, 100, 70)
    assert Survey.objects.get(title__startswith="Cancer services week").audience_kind == AudienceKind.HOME_GROUPS


def test_without_home_groups_the_seed_says_so_and_adds_nothing():
    ctx = DemoContext(event=EventFactory(), rng=random.Random(1), out=io.StringIO())
    demo.seed(ctx)
    assert Survey.objects.count() == 0
    assert "skipped the surveys" in ctx.out.getvalue()
