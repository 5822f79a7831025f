"""Organisers' pages: the event's surveys as responses arrive, a survey's report, its CSV and its room codes."""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from eventsite.models import Event
from eventsite.permissions import organiser_required
from eventsite.selectors import event_or_404
from feedback import reports, selectors, services
from feedback.models import Answer, Question, QuestionKind, Survey

TEXT_PREVIEW = 10  # free-text answers shown per question on the report; the rest are a click away
TEXT_PAGE = 50


@require_safe
@organiser_required
def survey_list(request):
    """The event's surveys, their headline figures and how many of each audience group have answered so far."""
    event = event_or_404(request.GET.get("event"))
    context = {
        "event": event,
        "events": Event.objects.order_by("-start_date"),
        "surveys": selectors.surveys_for_event(event),
        "headlines": selectors.survey_headlines(event),
        "audience": selectors.responses_against_audience(event),
    }
    return render(request, "feedback/survey_list.html", context)


def _chart_data(report: reports.SurveyReport) -> list[dict]:
    return [
        {
            "id": f"chart-{figures.question.id}",
            "title": figures.question.text,
            "labels": [bar.label for bar in figures.bars],
            "counts": [bar.share.count for bar in figures.bars],
            "percents": [bar.share.percent for bar in figures.bars],
        }
        for figures in report.overall.questions
        if figures.bars
    ]


@require_safe
@organiser_required
def report(request, pk: int):
    try:
        survey = selectors.survey_for_report(pk)
    except Survey.DoesNotExist as exc:
        raise Http404("No such survey.") from exc
    figures = selectors.survey_report(survey)
    texts: dict[int, list] = {}
    for answer in selectors.text_answers(survey, per_question=TEXT_PREVIEW):
        texts.setdefault(answer.question_id, []).append(answer)
    sections = [
        {
            "figures": overall,
            "groups": [(group, group.questions[index]) for group in figures.groups],
            "texts": texts.get(overall.question.id, []),
        }
        for index, overall in enumerate(figures.overall.questions)
    ]
    context = {
        "survey": survey,
        "report": figures,
        "sections": sections,
        "charts": _chart_data(figures),
        "rounding_rule": reports.ROUNDING_RULE,
        "text_preview": TEXT_PREVIEW,
    }
    return render(request, "feedback/report.html", context)


class _Echo:
    def write(self, value):
        return value


@require_safe
@organiser_required
def export_csv(request, pk: int):
    """One row per response, one column per question; hidden free-text answers are left out unless asked for."""
    try:
        survey = selectors.survey_for_report(pk)
    except Survey.DoesNotExist as exc:
        raise Http404("No such survey.") from exc
    include_hidden = request.GET.get("hidden") == "1"
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in selectors.export_rows(survey, include_hidden=include_hidden))
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    filename = f"{slugify(survey.event.slug)}-{slugify(survey.title)[:60]}-responses.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@organiser_required
def share(request, pk: int):
    """A printable card per audience group: the room code, the link with the code in it, and its QR link."""
    survey = get_object_or_404(Survey.objects.select_related("event"), pk=pk)
    groups = list(survey.groups.select_related("home_group"))
    links = selectors.survey_qr_links(survey, groups)
    cards = [
        {
            "group": group,
            "url": request.build_absolute_uri(group.get_absolute_url()),
            "qr": links.get(group.get_absolute_url()),
        }
        for group in groups
    ]
    start_url = request.build_absolute_uri(survey.get_absolute_url())
    return render(request, "feedback/share.html", {"survey": survey, "cards": cards, "start_url": start_url})


@require_POST
@organiser_required
def share_qr(request, pk: int):
    """Make a QR link (profiles) that takes a scan straight to one group's questions."""
    survey = get_object_or_404(Survey.objects.select_related("event"), pk=pk)
    group = get_object_or_404(survey.groups.select_related("home_group"), pk=request.POST.get("group"))
    link = services.survey_group_qr_link(survey=survey, group=group, by=request.user)
    messages.success(request, f"QR link {link.short_path} made for {group.home_group.name}.")
    return redirect("feedback:share", survey.pk)


@require_safe
@organiser_required
def question_answers(request, pk: int, question_pk: int):
    """Every free-text answer to one question, a page at a time; organisers may show the hidden ones too."""
    question = get_object_or_404(
        Question.objects.select_related("survey"), pk=question_pk, survey_id=pk, kind=QuestionKind.TEXT
    )
    include_hidden = request.GET.get("hidden") == "1"
    answers = Answer.objects.filter(question=question).exclude(text="").select_related("response__home_group")
    if not include_hidden:
        answers = answers.filter(hidden=False)
    answers = answers.order_by("-id")
    page = Paginator(answers, TEXT_PAGE).get_page(request.GET.get("page"))
    context = {"question": question, "survey": question.survey, "page": page, "include_hidden": include_hidden}
    return render(request, "feedback/question_answers.html", context)


@require_POST
@organiser_required
def answer_hidden(request, pk: int):
    """Hide an inappropriate free-text answer from lists and exports, or show it again."""
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk, question__kind=QuestionKind.TEXT)
    services.answer_set_hidden(answer=answer, hidden=request.POST.get("hidden") == "1", by=request.user)
    fallback = reverse("feedback:report", args=[answer.question.survey_id])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return redirect(target)
