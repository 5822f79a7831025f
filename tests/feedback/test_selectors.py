import datetime

import pytest

from applications.models import ApplicationStatus
from feedback import selectors
from feedback.models import Answer, Survey
from tests.factories import ApplicationFactory, HomeGroupFactory, SurveyFactory, SurveyGroupFactory
from tests.feedback.conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitors(survey):
    return SurveyGroupFactory(survey=survey, home_group=HomeGroupFactory(event=survey.event, name="Visitors"))


def fill(survey, group, ids, ratings, career="Yes", **extra):
    for rating in ratings:
        submit(survey, group, ids.answers(interest=rating, career=career, **extra))


def test_report_gives_exact_figures_overall_and_per_group(survey, group, visitors, ids):
    fill(survey, group, ids, [5, 4, 3, 1], ticks=["Campus tour"])
    fill(survey, visitors, ids, [2, 5], career="No", learnt="No", ticks=["Campus tour", "Marketplace"])
    report = selectors.survey_report(selectors.survey_for_report(survey.pk))
    overall = {f.question.key or f.question.kind: f for f in report.overall.questions}
    assert report.overall.responses == 6
    interest = overall["interest"]
    assert [b.share.count for b in interest.bars] == [1, 1, 1, 1, 2]
    assert (interest.top_box.count, interest.top_box.n, interest.top_box.percent) == (4, 6, 67)
    assert str(interest.mean) == "3.3"  # 20 / 6
    assert (overall["career"].top_box.count, overall["career"].top_box.percent) == (4, 67)
    assert [(b.label, b.share.percent) for b in overall["multiple"].bars] == [("Campus tour", 100), ("Marketplace", 33)]
    assert overall["text"].n == 0
    by_group = {g.label: g for g in report.groups}
    assert [(g.label, g.responses) for g in report.groups] == [("Cancer services", 4), ("Visitors", 2)]
    assert by_group["Cancer services"].questions[0].top_box.percent == 75
    assert by_group["Visitors"].questions[0].top_box.percent == 50
    assert by_group["Visitors"].questions[2].top_box.percent == 0


def test_report_takes_the_same_queries_however_many_responses(survey, group, visitors, ids, django_assert_num_queries):
    def run():
        with django_assert_num_queries(7):  # survey, questions, options, groups; responses, answers, ticks
            selectors.survey_report(selectors.survey_for_report(survey.pk))

    fill(survey, group, ids, [3])
    run()
    fill(survey, group, ids, [1, 2, 3, 4, 5] * 4, text="Fine", ticks=["Marketplace"])
    fill(survey, visitors, ids, [4] * 7)
    run()


def test_a_response_from_a_group_no_longer_in_the_audience_still_counts(survey, group, visitors, ids):
    fill(survey, visitors, ids, [4])
    visitors.delete()
    report = selectors.survey_report(selectors.survey_for_report(survey.pk))
    assert [(g.label, g.responses) for g in report.groups] == [("Cancer services", 0), ("Visitors", 1)]


def test_text_answers_are_newest_first_limited_and_without_hidden_ones(survey, group, ids):
    for index in range(5):
        submit(survey, group, ids.answers(text=f"note {index}"), now=survey.opens_at + datetime.timedelta(hours=index))
    Answer.objects.filter(text="note 3").update(hidden=True)
    assert [a.text for a in selectors.text_answers(survey, per_question=2)] == ["note 4", "note 2"]
    assert [a.text for a in selectors.text_answers(survey)] == ["note 4", "note 2", "note 1", "note 0"]
    assert [a.hidden for a in selectors.text_answers(survey, per_question=2, include_hidden=True)] == [False, True]


def test_headlines_add_up_the_event_s_surveys(event, survey, group, ids, django_assert_num_queries):
    fill(survey, group, ids, [5, 4, 2])
    second = SurveyFactory(event=event, title="Visitors")
    from feedback import services

    services.survey_add_template_questions(survey=second, keys=("interest",))
    second_group = SurveyGroupFactory(survey=second)
    interest = second.questions.get().pk
    for rating in (3, 3):
        submit(second, second_group, {interest: rating})
    SurveyFactory(title="Another event's survey")  # not counted
    with django_assert_num_queries(4):
        headlines = selectors.survey_headlines(event)
    assert headlines.responses == 5
    assert [(h.key, h.share.count, h.share.n, h.share.percent) for h in headlines.headlines] == [
        ("interest", 4, 5, 80),
        ("career", 3, 3, 100),
        ("learnt", 3, 3, 100),
    ]
    assert headlines.by_key("interest").label == "Rated 3 or more"


def test_responses_against_audience_counts_accepted_members(
    event, survey, group, visitors, ids, django_assert_num_queries
):
    for _ in range(3):
        ApplicationFactory(event=event, status=ApplicationStatus.ACCEPTED, home_group=group.home_group)
    ApplicationFactory(event=event, status=ApplicationStatus.WITHDRAWN)
    fill(survey, group, ids, [4, 4])
    with django_assert_num_queries(3):
        rows = selectors.responses_against_audience(event)
    assert [(r.home_group.name, r.responses, r.audience, r.share.percent) for r in rows] == [
        ("Cancer services", 2, 3, 67),
        ("Visitors", 0, 0, None),
    ]


def test_export_has_one_row_per_response_and_one_column_per_question(survey, group, ids, django_assert_num_queries):
    submit(survey, group, ids.answers(interest=4, career="Maybe", text="=cmd()", ticks=["Campus tour", "Marketplace"]))
    submit(survey, group, ids.answers(interest=2, career="No", learnt="No"))
    Answer.objects.filter(text="=cmd()").update(hidden=True)
    loaded = selectors.survey_for_report(survey.pk)
    with django_assert_num_queries(1):
        rows = list(selectors.export_rows(loaded))
    header, first, second = rows
    assert header == [
        "response",
        "submitted",
        "updated",
        "home group",
        "How interesting did you find the sessions?",
        "Would you consider a career in cancer services?",
        "Did you learn something new?",
        "Best part?",
        "Which did you enjoy?",
    ]
    assert first[3:] == ["Cancer services", "4", "Maybe", "Yes", "", "Campus tour; Marketplace"]
    assert second[3:] == ["Cancer services", "2", "No", "No", "", ""]
    shown = list(selectors.export_rows(loaded, include_hidden=True))
    assert shown[1][7] == "'=cmd()"


def test_export_of_a_named_survey_has_the_names(survey, group, ids):
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    survey.refresh_from_db()
    submit(survey, group, ids.answers(), name="Alex")
    header, row = selectors.export_rows(selectors.survey_for_report(survey.pk))
    assert (header[4], row[4]) == ("name", "Alex")
