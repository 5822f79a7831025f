import csv
import io

import pytest
from django.urls import reverse

from feedback.models import Answer
from tests.factories import HomeGroupFactory, SurveyGroupFactory
from tests.feedback.conftest import submit

pytestmark = pytest.mark.django_db


def fill(survey, group, ids, ratings, **extra):
    for rating in ratings:
        submit(survey, group, ids.answers(interest=rating, **extra))


@pytest.mark.parametrize("name", ["survey_list", "report", "export", "share", "question_answers"])
def test_organiser_pages_are_for_organisers_only(client, presenter, survey, ids, name):
    args = {"survey_list": [], "question_answers": [survey.pk, ids.q("text")]}.get(name, [survey.pk])
    url = reverse(f"feedback:{name}", args=args)
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(presenter)
    assert client.get(url).status_code == 403


def test_hiding_needs_an_organiser(client, presenter, survey, group, ids):
    submit(survey, group, ids.answers(text="hello"))
    answer = Answer.objects.get(text="hello")
    client.force_login(presenter)
    assert client.post(reverse("feedback:answer_hidden", args=[answer.pk]), {"hidden": "1"}).status_code == 403
    answer.refresh_from_db()
    assert not answer.hidden


def test_the_report_shows_each_figure_with_its_n(organiser_client, survey, group, ids):
    fill(survey, group, ids, [5, 4, 3, 2, 1, 5, 5], career="Maybe")
    body = organiser_client.get(reverse("feedback:report", args=[survey.pk])).content.decode()
    assert '<span class="figure-number">7</span> responses' in body
    assert "71%</span>\n              rated 3 or more" in body
    assert "(5 of n = 7)" in body
    assert "Mean rating <strong>3.6</strong> on a scale of 1 to 5 (n = 7)" in body
    assert "100%</span>\n              yes or maybe" in body
    assert "rounded half up to a whole percent" in body
    assert 'id="report-charts"' in body and "vendor/chartjs/chart.umd.min.js" in body
    assert "Cancer services" in body  # the per-group table


def test_the_report_takes_the_same_queries_for_more_responses(
    organiser_client, survey, group, ids, django_assert_num_queries
):
    url = reverse("feedback:report", args=[survey.pk])
    fill(survey, group, ids, [3], text="first")
    organiser_client.get(url)
    # session, user, groups of the user; survey, questions, options, audience; responses, answers, ticks; texts
    with django_assert_num_queries(11):
        organiser_client.get(url)
    other = SurveyGroupFactory(survey=survey, home_group=HomeGroupFactory(event=survey.event))
    fill(survey, group, ids, [1, 2, 3, 4, 5] * 6, text="more", ticks=["Marketplace"])
    fill(survey, other, ids, [5] * 5)
    with django_assert_num_queries(11):
        organiser_client.get(url)


def test_free_text_is_escaped_and_hidden_answers_leave_the_report_and_export(organiser_client, survey, group, ids):
    submit(survey, group, ids.answers(text="<img src=x>"))
    submit(survey, group, ids.answers(text="rude"))
    report_url = reverse("feedback:report", args=[survey.pk])
    body = organiser_client.get(report_url).content.decode()
    assert "&lt;img src=x&gt;" in body and "<img src=x>" not in body
    rude = Answer.objects.get(text="rude")
    response = organiser_client.post(
        reverse("feedback:answer_hidden", args=[rude.pk]), {"hidden": "1", "next": report_url}
    )
    assert response.status_code == 302 and response.url == report_url
    assert ">rude<" not in organiser_client.get(report_url).content.decode()
    export = b"".join(organiser_client.get(reverse("feedback:export", args=[survey.pk])).streaming_content).decode()
    assert "rude" not in export
    answers_url = reverse("feedback:question_answers", args=[survey.pk, ids.q("text")])
    assert "rude" not in organiser_client.get(answers_url).content.decode()
    assert "rude" in organiser_client.get(answers_url + "?hidden=1").content.decode()


def test_hiding_refuses_an_offsite_next(organiser_client, survey, group, ids):
    submit(survey, group, ids.answers(text="hello"))
    answer = Answer.objects.get(text="hello")
    response = organiser_client.post(
        reverse("feedback:answer_hidden", args=[answer.pk]), {"hidden": "1", "next": "https://evil.example.org/"}
    )
    assert response.url == reverse("feedback:report", args=[survey.pk])


def test_export_is_a_csv_of_one_row_per_response(organiser_client, survey, group, ids):
    fill(survey, group, ids, [4, 2])
    response = organiser_client.get(reverse("feedback:export", args=[survey.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3
    assert [row[4] for row in rows[1:]] == ["4", "2"]


def test_share_page_lists_each_group_s_code_and_link(organiser_client, survey, group):
    body = organiser_client.get(reverse("feedback:share", args=[survey.pk])).content.decode()
    assert group.code in body
    assert f"/s/{survey.key}/{group.code}/" in body


def test_survey_list_shows_headlines_and_responses_against_audience(organiser_client, survey, group, ids):
    fill(survey, group, ids, [5, 5, 1])
    body = organiser_client.get(reverse("feedback:survey_list")).content.decode()
    assert survey.title in body
    assert "67%" in body and "2 of n = 3" in body and "Rated 3 or more" in body
    assert "responses in all" in body
