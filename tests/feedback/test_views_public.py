import re

import pytest
import time_machine
from django.core.cache import cache, caches
from django.test import Client, override_settings
from django.urls import reverse

from feedback.models import Question, QuestionKind, Response, Survey
from feedback.views_public import DEVICE_COOKIE
from tests.factories import SurveyFactory, SurveyGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def answer_url(survey, group):
    return reverse("feedback:answer", args=[survey.key, group.code])


def open_form(client, survey, group):
    """GET the form (which sets the device cookie) and return its signed submission token."""
    body = client.get(answer_url(survey, group)).content.decode()
    return re.search(r'name="submission" value="([^"]+)"', body).group(1)


def post_answers(client, survey, group, ids, token, **changes):
    data = {"submission": token, **{f"q{pk}": value for pk, value in ids.answers(**changes).items()}}
    return client.post(answer_url(survey, group), data)


def test_the_start_page_asks_for_the_room_code_and_sets_a_device_cookie(client, survey, group, during_week):
    response = client.get(reverse("feedback:start", args=[survey.key]))
    assert response.status_code == 200
    assert "Type in the code shown in your room" in response.content.decode()
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_right_code_leads_to_the_questions(client, survey, group, during_week):
    response = client.post(reverse("feedback:start", args=[survey.key]), {"code": group.code.lower()})
    assert response.status_code == 302 and response.url == answer_url(survey, group)


def test_a_wrong_code_is_refused_with_a_message(client, survey, group, during_week):
    response = client.post(reverse("feedback:start", args=[survey.key]), {"code": "WRONG1"})
    assert "That code is not right for this survey" in response.content.decode()
    response = client.get(reverse("feedback:answer", args=[survey.key, "WRONG1"]))
    assert "That code is not right for this survey" in response.content.decode()


def test_an_unknown_survey_is_not_found(client, during_week):
    assert client.get(reverse("feedback:start", args=["nosuchkey"])).status_code == 404


def test_a_student_answers_once_and_sees_the_thank_you_page(client, survey, group, ids, during_week):
    token = open_form(client, survey, group)
    response = post_answers(client, survey, group, ids, token, interest=5, text="The tour")
    assert response.status_code == 302 and response.url == reverse("feedback:thanks", args=[survey.key])
    page = client.get(response.url).content.decode()
    assert "Thank you!" in page and "Your answers have been saved." in page and "Change my answers" in page
    stored = Response.objects.get()
    assert (stored.home_group, stored.answers.count()) == (group.home_group, 4)


def test_a_double_submit_counts_once(client, survey, group, ids, during_week):
    token = open_form(client, survey, group)
    post_answers(client, survey, group, ids, token, interest=5)
    again = post_answers(client, survey, group, ids, token, interest=1)
    assert again.status_code == 302
    assert "We already had these answers, so they count once." in client.get(again.url).content.decode()
    assert Response.objects.count() == 1
    assert Response.objects.get().answers.get(question__key="interest").rating == 5


def test_an_edit_replaces_the_answers(client, survey, group, ids, during_week):
    post_answers(client, survey, group, ids, open_form(client, survey, group), interest=2)
    page = client.get(answer_url(survey, group)).content.decode()
    assert "You have answered already" in page
    assert re.search(rf'name="q{ids.q("interest")}" value="2"[^>]*checked', page)
    post_answers(client, survey, group, ids, re.search(r'name="submission" value="([^"]+)"', page).group(1), interest=4)
    assert Response.objects.count() == 1
    assert Response.objects.get().answers.get(question__key="interest").rating == 4


def test_without_edits_a_second_visit_goes_to_the_thank_you_page(client, survey, group, ids, during_week):
    Survey.objects.filter(pk=survey.pk).update(allow_edits=False)
    post_answers(client, survey, group, ids, open_form(client, survey, group))
    response = client.get(answer_url(survey, group))
    assert response.status_code == 302
    assert "Change my answers" not in client.get(response.url).content.decode()


def test_bad_answers_show_messages_and_store_nothing(client, survey, group, ids, during_week):
    token = open_form(client, survey, group)
    data = {
        "submission": token,
        f"q{ids.q('interest')}": "9",
        f"q{ids.q('career')}": str(ids.o("learnt", "Yes")),
        f"q{ids.q('text')}": "x" * 21,
    }
    body = client.post(answer_url(survey, group), data).content.decode()
    assert "Choose a number from 1 to 5." in body
    assert "Choose one of the options shown." in body
    assert "Please keep this to 20 characters." in body
    assert "Please answer this question." in body  # the missing "learnt something new"
    assert Response.objects.count() == 0


def test_a_forged_submission_token_is_refused(client, survey, group, ids, during_week):
    open_form(client, survey, group)
    body = post_answers(client, survey, group, ids, "made-up").content.decode()
    assert "This form is out of date" in body
    assert Response.objects.count() == 0


def test_without_the_device_cookie_nothing_is_stored(client, survey, group, ids, during_week):
    token = open_form(client, survey, group)
    client.cookies.pop(DEVICE_COOKIE)
    body = post_answers(client, survey, group, ids, token).content.decode()
    assert "Please turn on cookies" in body
    assert Response.objects.count() == 0


def test_a_closed_survey_says_when_it_closed(client, survey, group):
    with time_machine.travel("2030-06-22 09:00 +01:00", tick=False):
        body = client.get(answer_url(survey, group)).content.decode()
    assert "This survey closed on Friday 21 June at 17:00" in body
    assert 'name="submission"' not in body


def test_question_text_and_intro_are_escaped(client, survey, group, during_week):
    Survey.objects.filter(pk=survey.pk).update(intro="<script>alert(1)</script>")
    Question.objects.create(survey=survey, order=9, kind=QuestionKind.TEXT, text="<b>bold?</b>", required=False)
    body = client.get(answer_url(survey, group)).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>bold?</b>" not in body and "&lt;b&gt;bold?&lt;/b&gt;" in body


@override_settings(FEEDBACK_PUBLIC_RATE="3/m")
def test_form_posts_are_rate_limited_per_client(client, survey, group, ids, during_week):
    start = reverse("feedback:start", args=[survey.key])
    client.get(start)  # the phone opens the survey and is given its device cookie
    statuses = [client.post(start, {"code": "WRONG1"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = client.post(start, {"code": group.code})
    assert limited.status_code == 429
    assert "Please wait a minute" in limited.content.decode()
    assert post_answers(client, survey, group, ids, "t").status_code == 429
    assert Client().post(start, {"code": group.code}).status_code == 302  # another phone in the same room
    assert Response.objects.count() == 0


def test_another_survey_s_group_code_does_not_open_this_one(client, survey, group, event, during_week):
    stranger = SurveyGroupFactory(survey=SurveyFactory(event=event))
    body = client.get(reverse("feedback:answer", args=[survey.key, stranger.code])).content.decode()
    assert "That code is not right for this survey" in body


@override_settings(
    FEEDBACK_PUBLIC_RATE="2/m",
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared-limits"}},
)
def test_the_limit_is_counted_in_the_default_cache_that_every_process_shares(client, survey, during_week):
    """With REDIS_URL set the default cache is Redis, so every server process reads the same count; here a
    second client object (as another process would) finds the count the first one left."""
    start = reverse("feedback:start", args=[survey.key])
    client.get(start)
    client.post(start, {"code": "WRONG1"})
    assert any(key.startswith(":1:rl:") for key in caches["default"]._cache)
    other_process = Client()
    other_process.cookies = client.cookies  # the same phone, its next request served by another process
    other_process.post(start, {"code": "WRONG1"})
    assert other_process.post(start, {"code": "WRONG1"}).status_code == 429
