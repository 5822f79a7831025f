"""The pages students see on their phones: enter the room code, answer, thank you. No account, no session.

Each browser gets a signed device cookie; a survey keeps one response per device (see feedback.services).
Every form post is rate-limited per client address in the default cache, which is Redis (shared by every server
process) when REDIS_URL is set.
"""

import secrets
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from eventsite.net import client_ip
from feedback import selectors, services
from feedback.forms import CodeForm, ResponseForm, field_name, sign_submission_token
from feedback.models import Answer, QuestionKind, Response, Survey

DEVICE_COOKIE = "feedback_device"
DEVICE_SALT = "feedback.device"
DEVICE_MAX_AGE = 60 * 60 * 24 * 120  # long enough to outlive any survey of one event
PUBLIC_RATE = "30/m"  # form posts per client (phone); settings.FEEDBACK_PUBLIC_RATE overrides it
ADDRESS_RATE = "600/m"  # form posts per address: a whole room shares the venue's Wi-Fi address
NO_COOKIE = "Please turn on cookies for this site and reload the page: they make sure each student answers once."


def public_rate(group, request) -> str:
    return getattr(settings, "FEEDBACK_PUBLIC_RATE", PUBLIC_RATE)


def client_key(group, request) -> str:
    """A client is a phone: its device cookie when it has one, else its address."""
    return request.COOKIES.get(DEVICE_COOKIE) or client_ip(request)


def limit_posts(view):
    per_client = ratelimit(group="feedback-public", key=client_key, rate=public_rate, method="POST", block=False)
    per_address = ratelimit(group="feedback-address", key="ip", rate=ADDRESS_RATE, method="POST", block=False)
    return per_address(per_client(view))


def _survey(key: str) -> Survey:
    try:
        return selectors.survey_for_answering(key)
    except Survey.DoesNotExist as exc:
        raise Http404("No such survey.") from exc


def _device(request) -> tuple[str | None, str]:
    """The device token the browser sent (None if it sent none or a forged one), and the one to keep."""
    sent = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_SALT)
    return sent, sent or secrets.token_urlsafe(24)


def _keep_device(request, response, sent: str | None, token: str):
    if sent is None:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            token,
            salt=DEVICE_SALT,
            max_age=DEVICE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _too_many(request, survey: Survey):
    return render(request, "feedback/public/too_many.html", {"survey": survey}, status=429)


def _closed(request, survey: Survey, message: str):
    return render(request, "feedback/public/closed.html", {"survey": survey, "message": message})


@limit_posts
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, key: str):
    """The survey's front page: a QR code may bring the student here, to type in their room's code."""
    survey = _survey(key)
    if getattr(request, "limited", False):
        return _too_many(request, survey)
    sent, device = _device(request)
    closed = services.survey_window_error(survey, timezone.now())
    if closed:
        return _keep_device(request, _closed(request, survey, closed), sent, device)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            group = services.group_for_code(survey=survey, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            return redirect("feedback:answer", survey.key, group.code)
    page = render(request, "feedback/public/start.html", {"survey": survey, "form": form})
    return _keep_device(request, page, sent, device)


@limit_posts
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, key: str, code: str):
    survey = _survey(key)
    if getattr(request, "limited", False):
        return _too_many(request, survey)
    sent, device = _device(request)
    closed = services.survey_window_error(survey, timezone.now())
    if closed:
        return _keep_device(request, _closed(request, survey, closed), sent, device)
    try:
        group = services.group_for_code(survey=survey, code=code)
    except ValidationError as exc:
        form = CodeForm(initial={"code": code})
        page = render(request, "feedback/public/start.html", {"survey": survey, "form": form, "error": exc.messages[0]})
        return _keep_device(request, page, sent, device)
    questions = list(survey.questions.all())
    existing = _existing_response(survey, sent)
    if existing is not None and not survey.allow_edits:
        return redirect("feedback:thanks", survey.key)
    if request.method == "POST":
        form = ResponseForm(request.POST, survey=survey, questions=questions)
        outcome = _submit(request, form, survey, group.code, sent) if form.is_valid() else None
        if outcome:
            return redirect("feedback:thanks", survey.key)
    else:
        initial = _initial(existing) if existing else {}
        initial["submission"] = sign_submission_token(survey, uuid.uuid4().hex)
        form = ResponseForm(initial=initial, survey=survey, questions=questions)
    context = {"survey": survey, "group": group, "form": form, "editing": existing is not None}
    return _keep_device(request, render(request, "feedback/public/answer.html", context), sent, device)


def _submit(request, form: ResponseForm, survey: Survey, code: str, device: str | None) -> str | None:
    """Store the answers; on success leave a message for the thank-you page and return the outcome."""
    if device is None:
        form.add_error(None, NO_COOKIE)
        return None
    token = form.submission_token()
    if token is None:
        form.add_error(None, "This form is out of date. Please reload the page and answer again.")
        return None
    try:
        result = services.response_submit(
            survey=survey,
            code=code,
            device_token=device,
            submission_token=token,
            answers=form.answers(),
            name=form.cleaned_data.get("name", ""),
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for question_id, errors in exc.error_dict.items():
                form.add_error(field_name(question_id) if isinstance(question_id, int) else None, errors)
        else:
            form.add_error(None, exc)
        return None
    notes = {
        "created": "Your answers have been saved.",
        "updated": "Your answers have been updated. We still count you once.",
        "replayed": "We already had these answers, so they count once.",
    }
    messages.success(request, notes[result.outcome])
    return result.outcome


def _existing_response(survey: Survey, device: str | None) -> Response | None:
    if device is None:
        return None
    return Response.objects.filter(
        survey=survey, device_hash=services.device_hash(survey=survey, device_token=device)
    ).first()


def _initial(response: Response) -> dict:
    """The form's starting values from a stored response, so that an edit starts from what was sent."""
    initial = {}
    for answer in Answer.objects.filter(response=response).select_related("question").prefetch_related("ticks"):
        kind = answer.question.kind
        if kind == QuestionKind.RATING:
            value = answer.rating
        elif kind == QuestionKind.MULTIPLE:
            value = [tick.option_id for tick in answer.ticks.all()]
        elif kind == QuestionKind.TEXT:
            value = answer.text
        else:
            value = answer.option_id
        initial[field_name(answer.question_id)] = value
    return initial


@require_safe
def thanks(request, key: str):
    survey = _survey(key)
    sent, device = _device(request)
    existing = _existing_response(survey, sent)
    can_edit = (
        existing is not None and survey.allow_edits and services.survey_window_error(survey, timezone.now()) is None
    )
    edit_code = None
    if can_edit:
        edit_code = survey.groups.filter(home_group_id=existing.home_group_id).values_list("code", flat=True).first()
    context = {"survey": survey, "answered": existing is not None, "edit_code": edit_code}
    return _keep_device(request, render(request, "feedback/public/thanks.html", context), sent, device)
