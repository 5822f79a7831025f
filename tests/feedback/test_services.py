import datetime
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import RestrictedError

from feedback import services
from feedback.models import Answer, AnswerSelection, Option, Question, QuestionKind, Response, Submission, Survey
from tests.factories import EventFactory, HomeGroupFactory, OptionFactory, SurveyFactory, SurveyGroupFactory
from tests.feedback.conftest import DURING, submit

pytestmark = pytest.mark.django_db


def stored():
    return (
        Response.objects.count(),
        Answer.objects.count(),
        AnswerSelection.objects.count(),
        Submission.objects.count(),
    )


def test_template_adds_the_write_ups_three_questions_once(survey):
    assert [(q.key, q.kind, q.required) for q in survey.questions.all()[:3]] == [
        ("interest", "rating", True),
        ("career", "single", True),
        ("learnt", "yes_no", True),
    ]
    career = survey.questions.get(key="career")
    assert [(o.label, o.positive) for o in career.options.all()] == [("Yes", True), ("Maybe", True), ("No", False)]
    assert services.survey_add_template_questions(survey=survey) == []
    assert survey.questions.count() == 5


def test_template_can_add_some_of_its_questions(event):
    survey = SurveyFactory(event=event)
    added = services.survey_add_template_questions(survey=survey, keys=("interest", "career"))
    assert [q.key for q in added] == ["interest", "career"]


def test_a_response_stores_its_group_and_answers(survey, group, ids):
    answers = ids.answers(interest=5, career="Maybe", text="The tour", ticks=["Campus tour", "Marketplace"])
    result = submit(survey, group, answers, name="Alex")
    assert result.outcome == "created"
    response = result.response
    assert (response.home_group, response.respondent_name, response.submitted_at) == (group.home_group, "", DURING)
    rows = {a.question.key or a.question.kind: a for a in response.answers.select_related("question", "option")}
    assert rows["interest"].rating == 5
    assert rows["career"].option.label == "Maybe"
    assert rows["learnt"].option.label == "Yes"
    assert rows["text"].text == "The tour"
    assert sorted(rows["multiple"].ticks.values_list("option__label", flat=True)) == ["Campus tour", "Marketplace"]
    assert stored() == (1, 5, 2, 1)


def test_a_named_survey_keeps_the_name(survey, group, ids):
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    survey.refresh_from_db()
    assert submit(survey, group, ids.answers(), name="  Alex ").response.respondent_name == "Alex"


def test_a_second_submission_from_the_same_phone_replaces_the_first(survey, group, ids):
    first = submit(survey, group, ids.answers(interest=2, text="Meh"), device="phone-1")
    later = DURING + datetime.timedelta(hours=1)
    second = submit(survey, group, ids.answers(interest=5), device="phone-1", now=later)
    assert (second.outcome, second.response.pk) == ("updated", first.response.pk)
    response = Response.objects.get()
    assert (response.edits, response.submitted_at, response.updated_at) == (1, DURING, later)
    assert list(response.answers.order_by("question__order").values_list("rating", flat=True)) == [5, None, None]
    assert stored() == (1, 3, 0, 2)


def test_without_edits_a_second_submission_is_refused(survey, group, ids):
    Survey.objects.filter(pk=survey.pk).update(allow_edits=False)
    survey.refresh_from_db()
    submit(survey, group, ids.answers(interest=2), device="phone-1")
    with pytest.raises(ValidationError, match="already answered"):
        submit(survey, group, ids.answers(interest=5), device="phone-1")
    assert Answer.objects.get(question__key="interest").rating == 2
    assert stored() == (1, 3, 0, 1)


def test_a_replayed_submission_counts_once_and_changes_nothing(survey, group, ids):
    first = submit(survey, group, ids.answers(interest=3), device="phone-1", token="tap")
    again = submit(survey, group, ids.answers(interest=1), device="phone-2", token="tap")
    assert (again.outcome, again.response.pk) == ("replayed", first.response.pk)
    assert Answer.objects.get(question__key="interest").rating == 3
    assert stored() == (1, 3, 0, 1)


def test_different_phones_give_different_responses(survey, group, ids):
    submit(survey, group, ids.answers(), device="phone-1")
    submit(survey, group, ids.answers(), device="phone-2")
    assert stored() == (2, 6, 0, 2)


def test_the_device_is_stored_as_a_per_survey_hmac(survey, event):
    other = SurveyFactory(event=event)
    mine = services.device_hash(survey=survey, device_token="phone-1")
    assert len(mine) == 64 and "phone-1" not in mine
    assert mine != services.device_hash(survey=other, device_token="phone-1")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"interest": 6}, "interest", "Choose a number from 1 to 5."),
        ({"interest": 0}, "interest", "Choose a number from 1 to 5."),
        ({"interest": "5"}, "interest", "Choose a number from 1 to 5."),
        ({"interest": True}, "interest", "Choose a number from 1 to 5."),
        ({"interest": None}, "interest", "Please answer this question."),
        ({"career": None}, "career", "Please answer this question."),
        ({"text": "x" * 21}, "text", "Please keep this to 20 characters (it has 21)."),
    ],
)
def test_bad_answers_get_a_clear_message_and_store_nothing(survey, group, ids, change, field, message):
    answers = ids.answers()
    for key, value in change.items():
        answers[ids.q(key)] = value
    with pytest.raises(ValidationError) as caught:
        submit(survey, group, answers)
    assert caught.value.message_dict == {ids.q(field): [message]}
    assert stored() == (0, 0, 0, 0)


def test_an_option_of_another_question_is_refused(survey, group, ids):
    answers = ids.answers()
    answers[ids.q("career")] = ids.o("learnt", "Yes")
    answers[ids.q("multiple")] = [ids.o("multiple", "Marketplace"), ids.o("career", "No")]
    with pytest.raises(ValidationError) as caught:
        submit(survey, group, answers)
    assert caught.value.message_dict == {
        ids.q("career"): ["Choose one of the options shown."],
        ids.q("multiple"): ["Choose from the options shown."],
    }
    assert stored() == (0, 0, 0, 0)


def test_an_option_of_another_survey_is_refused(survey, group, ids):
    stranger = OptionFactory(label="Yes")
    answers = ids.answers()
    answers[ids.q("learnt")] = stranger.pk
    with pytest.raises(ValidationError) as caught:
        submit(survey, group, answers)
    assert caught.value.message_dict == {ids.q("learnt"): ["Choose one of the options shown."]}


def test_an_answer_to_a_question_of_another_survey_is_refused(survey, group, ids, event):
    stranger = Question.objects.create(survey=SurveyFactory(event=event), kind=QuestionKind.TEXT, text="Other?")
    answers = {**ids.answers(), stranger.pk: "hello"}
    with pytest.raises(ValidationError, match="not in this survey"):
        submit(survey, group, answers)
    assert stored() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("now", "message"),
    [
        (
            datetime.datetime(2030, 6, 17, 7, 59, tzinfo=datetime.UTC),
            "not open yet. It opens on Monday 17 June at 09:00",
        ),
        (datetime.datetime(2030, 6, 21, 16, 0, tzinfo=datetime.UTC), "closed on Friday 21 June at 17:00"),
    ],
)
def test_outside_its_window_a_survey_takes_no_answers(survey, group, ids, now, message):
    with pytest.raises(ValidationError, match=message):
        submit(survey, group, ids.answers(), now=now)
    assert stored() == (0, 0, 0, 0)


def test_a_wrong_group_code_is_refused(survey, group, ids, event):
    other = SurveyGroupFactory(survey=SurveyFactory(event=event))
    for code in ("NOPE42", other.code):
        with pytest.raises(ValidationError, match="code is not right for this survey"):
            services.response_submit(
                survey=survey,
                code=code,
                device_token="d",
                submission_token=uuid.uuid4().hex,
                answers=ids.answers(),
                now=DURING,
            )
    assert stored() == (0, 0, 0, 0)


def test_codes_are_read_without_spaces_or_case(survey, group, ids):
    spaced = f" {group.code[:3].lower()} {group.code[3:]} "
    result = services.response_submit(
        survey=survey, code=spaced, device_token="d", submission_token="t", answers=ids.answers(), now=DURING
    )
    assert result.response.home_group == group.home_group


def test_the_database_refuses_a_second_answer_to_a_question(survey, group, ids):
    response = submit(survey, group, ids.answers()).response
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, home_group=group.home_group, question_id=ids.q("interest"), rating=2)


@pytest.mark.parametrize(
    "values",
    [{"rating": 11}, {"rating": 3, "text": "also text"}, {"option_id": "career", "rating": 2}, {"text": "x" * 2001}],
)
def test_the_database_refuses_impossible_answers(survey, group, ids, values):
    response = Response.objects.create(survey=survey, home_group=group.home_group, device_hash="h")
    if values.get("option_id") == "career":
        values = {**values, "option_id": ids.o("career", "Yes")}
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, home_group=group.home_group, question_id=ids.q("text"), **values)


def test_the_database_refuses_a_second_response_from_one_device(survey, group):
    Response.objects.create(survey=survey, home_group=group.home_group, device_hash="h")
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, home_group=group.home_group, device_hash="h")


def test_audience_keeps_the_codes_of_groups_it_keeps(survey, group):
    newcomer = HomeGroupFactory(event=survey.event)
    rows = services.survey_set_audience(survey=survey, home_groups=[group.home_group, newcomer])
    assert {r.home_group: r.code for r in rows}[group.home_group] == group.code
    rows = services.survey_set_audience(survey=survey, home_groups=[newcomer])
    assert [r.home_group for r in rows] == [newcomer]


def test_yes_no_questions_get_their_two_options(survey):
    question = Question.objects.create(survey=survey, kind=QuestionKind.YES_NO, text="Did you enjoy it?")
    services.question_fill_options(question=question)
    services.question_fill_options(question=question)
    assert [(o.label, o.positive) for o in question.options.all()] == [("Yes", True), ("No", False)]


def test_a_survey_copies_to_another_event_with_its_questions(survey, group):
    later = EventFactory(start_date=survey.event.start_date + datetime.timedelta(days=364))
    copy = services.survey_copy(survey=survey, event=later)
    assert (copy.event, copy.title, copy.audience_kind) == (later, survey.title, survey.audience_kind)
    assert copy.opens_at - survey.opens_at == datetime.timedelta(days=364)
    assert copy.key != survey.key
    assert copy.groups.count() == 0
    original = [
        (q.order, q.kind, q.text, q.key, [(o.label, o.positive) for o in q.options.all()])
        for q in survey.questions.all()
    ]
    copied = [
        (q.order, q.kind, q.text, q.key, [(o.label, o.positive) for o in q.options.all()]) for q in copy.questions.all()
    ]
    assert copied == original
    assert not Option.objects.filter(question__survey=copy).filter(question__survey=survey).exists()


def test_hiding_an_answer_records_who_hid_it(survey, group, ids, organiser):
    submit(survey, group, ids.answers(text="rude words"))
    answer = Answer.objects.get(question__kind="text")
    services.answer_set_hidden(answer=answer, hidden=True, by=organiser)
    answer.refresh_from_db()
    assert (answer.hidden, answer.hidden_by) == (True, organiser)
    services.answer_set_hidden(answer=answer, hidden=False, by=organiser)
    answer.refresh_from_db()
    assert (answer.hidden, answer.hidden_by) == (False, None)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_tap_racing_on_two_connections_is_stored_once(survey, group, ids):
    answers = ids.answers()
    barrier = threading.Barrier(2)
    outcomes = []

    def tap():
        try:
            barrier.wait()
            outcomes.append(submit(survey, group, answers, device="phone-1", token="same-tap").outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "replayed"]
    assert stored() == (1, 3, 0, 1)


def test_a_group_with_responses_cannot_be_deleted_but_its_event_can(survey, group, ids):
    submit(survey, group, ids.answers(ticks=["Marketplace"]))
    with pytest.raises(RestrictedError), transaction.atomic():
        group.home_group.delete()
    survey.event.delete()
    assert stored() == (0, 0, 0, 0)
