"""Writes for surveys: audiences, questions from the write-up's template, copies, and students' responses."""

import datetime
import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from applications.models import HomeGroup
from feedback.models import (
    Answer,
    AnswerSelection,
    Option,
    Question,
    QuestionKind,
    Response,
    Submission,
    Survey,
    SurveyGroup,
    new_group_code,
)
from profiles.models import QRLink
from profiles.services import qrlink_create


@dataclass(frozen=True)
class TemplateQuestion:
    key: str
    kind: str
    text: str
    options: tuple[tuple[str, bool], ...] = ()  # (label, counts toward the headline)
    min_label: str = ""
    max_label: str = ""


# The three questions the write-up reports on: interest (96% rated 3+), a career in cancer services (98% yes or
# maybe) and, for the cancer-overview groups, whether they learnt something new (100% yes).
WRITE_UP_TEMPLATE = (
    TemplateQuestion(
        "interest",
        QuestionKind.RATING,
        "How interesting did you find the sessions?",
        min_label="Not interesting",
        max_label="Very interesting",
    ),
    TemplateQuestion(
        "career",
        QuestionKind.SINGLE,
        "Would you consider a career in cancer services?",
        options=(("Yes", True), ("Maybe", True), ("No", False)),
    ),
    TemplateQuestion(
        "learnt",
        QuestionKind.YES_NO,
        "Did you learn something new?",
    ),
)
YES_NO_OPTIONS = (("Yes", True), ("No", False))


def survey_set_audience(*, survey: Survey, home_groups, new_code=new_group_code) -> list[SurveyGroup]:
    """Make the survey's audience exactly these home groups; groups already in it keep their codes."""
    wanted = {group.pk: group for group in home_groups}
    with transaction.atomic():
        survey.groups.exclude(home_group__in=wanted).delete()
        have = set(survey.groups.values_list("home_group_id", flat=True))
        for pk, group in wanted.items():
            if pk not in have:
                SurveyGroup.objects.create(survey=survey, home_group=group, code=new_code())
    return list(survey.groups.select_related("home_group"))


def session_home_groups(session):
    """The home groups a session is for: its own, those of its sub-groups and its visiting groups (every group of
    the event when it is for everyone)."""
    groups = HomeGroup.objects.filter(event=session.event_id)
    if not session.for_everyone:
        groups = groups.filter(Q(sessions=session) | Q(sub_groups__sessions=session) | Q(visits__sessions=session))
    return groups.distinct().order_by("name")


def survey_audience_from_session(*, survey: Survey) -> list[SurveyGroup]:
    """A survey of one session takes the session's groups as its audience."""
    return survey_set_audience(survey=survey, home_groups=list(session_home_groups(survey.session)))


@transaction.atomic
def question_fill_options(*, question: Question) -> None:
    """A yes/no question always has the options Yes (counted in its headline figure) and No."""
    if question.kind == QuestionKind.YES_NO and not question.options.exists():
        Option.objects.bulk_create(
            Option(question=question, order=order, label=label, positive=positive)
            for order, (label, positive) in enumerate(YES_NO_OPTIONS)
        )


@transaction.atomic
def survey_add_template_questions(*, survey: Survey, keys: tuple[str, ...] | None = None) -> list[Question]:
    """Add the write-up's questions (or those with the given keys) after the survey's own, skipping any whose key
    the survey already has."""
    have = set(survey.questions.exclude(key="").values_list("key", flat=True))
    last = survey.questions.order_by("-order").values_list("order", flat=True).first() or 0
    added = []
    for item in WRITE_UP_TEMPLATE:
        if item.key in have or (keys is not None and item.key not in keys):
            continue
        last += 1
        question = Question.objects.create(
            survey=survey,
            order=last,
            kind=item.kind,
            text=item.text,
            key=item.key,
            min_label=item.min_label,
            max_label=item.max_label,
        )
        options = item.options or (YES_NO_OPTIONS if item.kind == QuestionKind.YES_NO else ())
        Option.objects.bulk_create(
            Option(question=question, order=order, label=label, positive=positive)
            for order, (label, positive) in enumerate(options)
        )
        added.append(question)
    return added


@transaction.atomic
def survey_copy(*, survey: Survey, event) -> Survey:
    """Copy a survey, its questions and their options to another event. Its times move by the gap between the two
    events' start dates; the audience is left empty, because home groups belong to one event."""
    shift = datetime.timedelta(days=(event.start_date - survey.event.start_date).days)
    copy = Survey.objects.create(
        event=event,
        title=survey.title,
        intro=survey.intro,
        audience_kind=survey.audience_kind,
        opens_at=survey.opens_at + shift,
        closes_at=survey.closes_at + shift,
        anonymous=survey.anonymous,
        allow_edits=survey.allow_edits,
        thank_you=survey.thank_you,
    )
    for question in survey.questions.prefetch_related("options"):
        options = list(question.options.all())
        question.pk, question.survey = None, copy
        question._state.adding = True
        question.save()
        Option.objects.bulk_create(
            Option(question=question, order=o.order, label=o.label, positive=o.positive) for o in options
        )
    return copy


@transaction.atomic
def survey_group_qr_link(*, survey: Survey, group: SurveyGroup, by=None):
    """The QR link (made in profiles, counted on each scan) that leads to one group's questions, with its room code
    in the address; made once and reused after that."""
    path = group.get_absolute_url()
    existing = QRLink.objects.filter(event=survey.event_id, target_path=path, is_active=True).first()
    if existing:
        return existing
    placement = f"Survey: {survey.title} · {group.home_group.name}"[: QRLink._meta.get_field("placement").max_length]
    return qrlink_create(event=survey.event, placement=placement, target_path=path, created_by=by)


@transaction.atomic
def answer_set_hidden(*, answer: Answer, hidden: bool, by) -> Answer:
    answer.hidden = hidden
    answer.hidden_by = by if hidden else None
    answer.save(update_fields=["hidden", "hidden_by"])
    return answer


def device_hash(*, survey: Survey, device_token: str) -> str:
    """The device's identity within one survey: an HMAC, so the stored value neither reveals the cookie nor links
    one device's responses across surveys."""
    key = f"{settings.SECRET_KEY}:feedback:{survey.key}".encode()
    return hmac.new(key, device_token.encode(), hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper()


def survey_window_error(survey: Survey, now: datetime.datetime) -> str | None:
    """Why the survey cannot be answered now, in words for a student; None when it is open."""
    if now < survey.opens_at:
        when = date_format(timezone.localtime(survey.opens_at), "l j F \\a\\t H:i")
        return f"This survey is not open yet. It opens on {when}."
    if now >= survey.closes_at:
        when = date_format(timezone.localtime(survey.closes_at), "l j F \\a\\t H:i")
        return f"This survey closed on {when}. Thank you for your interest."
    return None


def group_for_code(*, survey: Survey, code: str) -> SurveyGroup:
    group = survey.groups.select_related("home_group").filter(code=normalise_code(code)).first()
    if group is None:
        raise ValidationError(
            "That code is not right for this survey. Check the code shown in your room and try again.",
            code="bad_code",
        )
    return group


AnswerValue = int | str | list[int] | None


def clean_answers(questions: list[Question], answers: dict[int, AnswerValue]) -> dict[int, AnswerValue]:
    """Check answers against the survey's questions (options prefetched); raise one message per bad answer."""
    errors: dict[int | str, list[str]] = {}
    known = {q.pk for q in questions}
    if set(answers) - known:
        errors["__all__"] = ["Some answers are for questions that are not in this survey."]
    cleaned: dict[int, AnswerValue] = {}
    for question in questions:
        value = answers.get(question.pk)
        if value in (None, "", []):
            if question.required:
                errors[question.pk] = ["Please answer this question."]
            continue
        message = _answer_error(question, value)
        if message:
            errors[question.pk] = [message]
        else:
            cleaned[question.pk] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _answer_error(question: Question, value: AnswerValue) -> str | None:
    if question.kind == QuestionKind.RATING:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (question.scale_min <= value <= question.scale_max)
        ):
            return f"Choose a number from {question.scale_min} to {question.scale_max}."
        return None
    option_ids = {o.pk for o in question.options.all()}
    if question.kind == QuestionKind.MULTIPLE:
        if not isinstance(value, list) or not set(value) <= option_ids or len(set(value)) != len(value):
            return "Choose from the options shown."
        return None
    if question.kind in (QuestionKind.SINGLE, QuestionKind.YES_NO):
        if value not in option_ids:
            return "Choose one of the options shown."
        return None
    if not isinstance(value, str):
        return "Please write your answer as text."
    if len(value) > question.max_length:
        return f"Please keep this to {question.max_length} characters (it has {len(value)})."
    return None


@dataclass(frozen=True)
class SubmitResult:
    response: Response
    outcome: Literal["created", "updated", "replayed"]


def response_submit(
    *,
    survey: Survey,
    code: str,
    device_token: str,
    submission_token: str,
    answers: dict[int, AnswerValue],
    name: str = "",
    now: datetime.datetime | None = None,
) -> SubmitResult:
    """Store one student's answers: one response per device, replaced on an edit where the survey allows it.

    A submission token seen before (a double tap, a resubmitted page) changes nothing. Everything is checked
    before anything is written, and the response and its answers are written in one transaction.
    """
    now = now or timezone.now()
    window_error = survey_window_error(survey, now)
    if window_error:
        raise ValidationError(window_error, code="closed")
    group = group_for_code(survey=survey, code=code)
    replay = Submission.objects.filter(token=submission_token).select_related("response").first()
    if replay is not None:
        return SubmitResult(replay.response, "replayed")
    questions = list(survey.questions.prefetch_related("options"))
    cleaned = clean_answers(questions, answers)
    name = "" if survey.anonymous else name.strip()[: Response._meta.get_field("respondent_name").max_length]
    device = device_hash(survey=survey, device_token=device_token)
    try:
        with transaction.atomic():
            return _write_response(survey, group, device, submission_token, questions, cleaned, name, now)
    except IntegrityError:
        # The same submission (or device) won a race with this one: it is stored once, by the other request.
        existing = Response.objects.filter(survey=survey, device_hash=device).first()
        if existing is None:
            raise
        return SubmitResult(existing, "replayed")


def _write_response(survey, group, device, submission_token, questions, cleaned, name, now) -> SubmitResult:
    response = Response.objects.select_for_update().filter(survey=survey, device_hash=device).first()
    if response is None:
        response = Response.objects.create(
            survey=survey,
            home_group=group.home_group,
            respondent_name=name,
            device_hash=device,
            submitted_at=now,
            updated_at=now,
        )
        outcome = "created"
    elif not survey.allow_edits:
        raise ValidationError("You have already answered this survey on this phone. Thank you!", code="already")
    else:
        response.answers.all().delete()
        response.home_group = group.home_group
        response.respondent_name = name
        response.updated_at = now
        response.edits += 1
        response.save(update_fields=["home_group", "respondent_name", "updated_at", "edits"])
        outcome = "updated"
    Submission.objects.create(token=submission_token, response=response, received_at=now)
    _write_answers(response, questions, cleaned)
    return SubmitResult(response, outcome)


def _write_answers(response: Response, questions: list[Question], cleaned: dict[int, AnswerValue]) -> None:
    rows, ticked = [], []
    for question in questions:
        if question.pk not in cleaned:
            continue
        value = cleaned[question.pk]
        answer = Answer(response=response, question=question, home_group_id=response.home_group_id)
        if question.kind == QuestionKind.RATING:
            answer.rating = value
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.YES_NO):
            answer.option_id = value
        elif question.kind == QuestionKind.TEXT:
            answer.text = value
        else:
            ticked.append((answer, value))
        rows.append(answer)
    Answer.objects.bulk_create(rows)
    AnswerSelection.objects.bulk_create(
        AnswerSelection(answer=answer, option_id=option_id, home_group_id=response.home_group_id)
        for answer, option_ids in ticked
        for option_id in option_ids
    )
