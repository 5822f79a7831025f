"""Personal data in survey responses: the name a named (non-anonymous) survey asks for, and free-text answers,
which a student may have written something identifying into.

Purging an event clears both for every survey of the event; ratings and choices stay, so every survey figure
(responses, answers per question, shares) stays the same. Responses are stored with a home group and a per-survey
device hash only, never with a student's application: only a named response given in the student's home group
under the student's full name can be told apart as theirs.
"""

from feedback.models import Answer, QuestionKind, Response

NOT_LINKED = (
    "Survey responses are stored with a home group only, never with a student's application; anonymous surveys "
    "store no name, so no anonymous response can be told apart as this student's. Listed are the responses to "
    "named surveys given in the student's home group under the student's full name."
)


def _named_responses(application):
    if application.home_group_id is None:
        return Response.objects.none()
    return Response.objects.filter(
        survey__event_id=application.event_id,
        survey__anonymous=False,
        home_group_id=application.home_group_id,
        respondent_name__iexact=f"{application.first_name} {application.surname}",
    )


def _clear(responses, answers) -> dict:
    return {
        "respondent_names": responses.exclude(respondent_name="").update(respondent_name=""),
        "free_text_answers": answers.exclude(text="").update(text=""),
    }


def purge(event, *, by=None) -> dict:
    return _clear(Response.objects.filter(survey__event=event), Answer.objects.filter(question__survey__event=event))


def _answer_value(answer: Answer):
    if answer.question.kind == QuestionKind.MULTIPLE:
        return [tick.option.label for tick in answer.ticks.all()]
    if answer.option_id is not None:
        return answer.option.label
    return answer.rating if answer.rating is not None else answer.text


def export_subject(*, application=None, user=None) -> dict | None:
    if application is None:
        return None
    responses = (
        _named_responses(application)
        .select_related("survey")
        .prefetch_related("answers__question", "answers__option", "answers__ticks__option")
    )
    return {
        "survey_responses": NOT_LINKED,
        "named_responses": [
            {
                "survey": response.survey.title,
                "name_given": response.respondent_name,
                "submitted_at": response.submitted_at.isoformat(),
                "answers": [
                    {"question": answer.question.text, "answer": _answer_value(answer)}
                    for answer in response.answers.all()
                ],
            }
            for response in responses.order_by("submitted_at", "pk")
        ],
    }


def erase_subject(*, application=None, user=None, by=None, reason: str = "") -> dict:
    if application is None:
        return {}
    responses = _named_responses(application)
    return _clear(responses, Answer.objects.filter(response__in=list(responses.values_list("pk", flat=True))))
