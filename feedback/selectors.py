"""Reads for surveys and their reports. The counting happens in the database (GROUP BY); feedback.reports turns
the few aggregate rows into figures. Every function here runs a fixed number of queries, whatever the number of
responses."""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Prefetch, Q

from applications.models import ApplicationStatus, HomeGroup
from eventsite.spreadsheets import csv_cell
from feedback import reports
from feedback.models import Answer, AnswerSelection, Question, QuestionKind, Response, Survey, SurveyGroup
from profiles.models import QRLink


def surveys_for_event(event):
    """The event's surveys with their audience groups and how many responses each has."""
    return (
        Survey.objects.filter(event=event)
        .select_related("session__event")
        .annotate(response_count=Count("responses", distinct=True))
        .prefetch_related(Prefetch("groups", queryset=SurveyGroup.objects.select_related("home_group")))
    )


def survey_for_report(pk: int) -> Survey:
    """A survey with its event, questions (and their options) and audience groups: no further queries needed."""
    return (
        Survey.objects.select_related("event")
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.prefetch_related("options")),
            Prefetch("groups", queryset=SurveyGroup.objects.select_related("home_group")),
        )
        .get(pk=pk)
    )


def survey_for_answering(key: str) -> Survey:
    return Survey.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.prefetch_related("options"))
    ).get(key=key)


def question_spec(question: Question) -> reports.QuestionSpec:
    return reports.QuestionSpec(
        id=question.pk,
        kind=question.kind,
        text=question.text,
        options=tuple(reports.OptionSpec(o.pk, o.label, o.positive) for o in question.options.all()),
        scale_min=question.scale_min,
        scale_max=question.scale_max,
        top_box_min=question.top_box_min,
        min_label=question.min_label,
        max_label=question.max_label,
        key=question.key,
    )


def answer_counts(question_ids) -> list[reports.AnswerCount]:
    """One GROUP BY over the answers: how many answered each question, per home group, option and rating."""
    rows = (
        Answer.objects.filter(question_id__in=question_ids)
        .values_list("question_id", "home_group_id", "option_id", "rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [reports.AnswerCount(*row) for row in rows]


def tick_counts(questions) -> list[reports.TickCount]:
    """One GROUP BY over the options ticked in multiple-choice answers (options prefetched), per option and group."""
    question_of = {o.pk: q.pk for q in questions for o in q.options.all()}
    rows = (
        AnswerSelection.objects.filter(option_id__in=question_of)
        .values_list("option_id", "home_group_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [reports.TickCount(question_of[option_id], group_id, option_id, n) for option_id, group_id, n in rows]


def responses_by_group(survey: Survey) -> dict[int, int]:
    rows = Response.objects.filter(survey=survey).values_list("home_group_id").annotate(n=Count("id")).order_by()
    return dict(rows)


def survey_report(survey: Survey) -> reports.SurveyReport:
    """Overall and per-group figures for a survey loaded with survey_for_report: three aggregate queries (two when
    it has no multiple-choice question)."""
    questions = list(survey.questions.all())
    specs = [question_spec(q) for q in questions]
    ids = [q.pk for q in questions]
    multiple = [q for q in questions if q.kind == QuestionKind.MULTIPLE]
    counts_by_group = responses_by_group(survey)
    groups = [(g.home_group_id, g.home_group.name) for g in survey.groups.all()]
    # A response whose group has since left the audience still counts, under its own row.
    listed = {group_id for group_id, _ in groups}
    missing = [pk for pk in counts_by_group if pk not in listed]
    if missing:
        groups += list(HomeGroup.objects.filter(pk__in=missing).values_list("pk", "name"))
    return reports.survey_report(
        specs, groups, counts_by_group, answer_counts(ids), tick_counts(multiple) if multiple else []
    )


def survey_qr_links(survey: Survey, groups) -> dict:
    """The active QR links that lead to the groups' question pages, by path (one query)."""
    paths = [group.get_absolute_url() for group in groups]
    links = QRLink.objects.filter(event=survey.event_id, target_path__in=paths, is_active=True).order_by("created_at")
    return {link.target_path: link for link in links}


@dataclass(frozen=True)
class TextAnswer:
    id: int
    question_id: int
    text: str
    group: str
    hidden: bool


def text_answers(survey: Survey, *, per_question: int | None = None, include_hidden: bool = False) -> list[TextAnswer]:
    """The free-text answers of a survey (questions prefetched), newest first: answers are rewritten on an edit, so
    the newest has the highest id. One query per free-text question, each reading at most `per_question` rows
    through a partial index, however many answers there are."""
    result = []
    for question in survey.questions.all():
        if question.kind != QuestionKind.TEXT:
            continue
        answers = Answer.objects.filter(question=question).exclude(text="")
        if not include_hidden:
            answers = answers.filter(hidden=False)
        rows = answers.order_by("-id").values_list("id", "question_id", "text", "home_group__name", "hidden")
        result += [TextAnswer(*row) for row in (rows[:per_question] if per_question else rows)]
    return result


@dataclass(frozen=True)
class EventHeadlines:
    responses: int
    headlines: list[reports.Headline]

    def by_key(self, key: str) -> reports.Headline | None:
        return next((h for h in self.headlines if h.key == key), None)


def survey_headlines(event) -> EventHeadlines:
    """The event's response count and the headline share of each keyed question (e.g. 'interest': rated 3 or
    more), added up across its surveys. Four queries, whatever the number of surveys and responses."""
    questions = list(
        Question.objects.filter(survey__event=event)
        .exclude(key="")
        .prefetch_related("options")
        .order_by("survey__opens_at", "survey_id", "order", "id")
    )
    responses = Response.objects.filter(survey__event=event).count()
    counts = answer_counts([q.pk for q in questions]) if questions else []
    return EventHeadlines(responses, reports.headlines([question_spec(q) for q in questions], counts))


@dataclass(frozen=True)
class AudienceRow:
    survey: Survey
    home_group: HomeGroup
    responses: int
    audience: int  # the group's students (accepted applications placed in it)

    @property
    def share(self) -> reports.Share:
        return reports.Share(self.responses, self.audience)


def responses_against_audience(event) -> list[AudienceRow]:
    """For each survey of the event and each group in its audience: responses so far against the group's size.
    Three queries, whatever the number of surveys, groups and responses."""
    audience = list(
        SurveyGroup.objects.filter(survey__event=event)
        .select_related("survey", "home_group")
        .order_by("survey__opens_at", "survey_id", "home_group__name")
    )
    counts = Response.objects.filter(survey__event=event).values_list("survey_id", "home_group_id")
    responses = {(survey_id, group_id): n for survey_id, group_id, n in counts.annotate(n=Count("id")).order_by()}
    sizes = dict(
        HomeGroup.objects.filter(event=event)
        .annotate(n=Count("members", filter=Q(members__status=ApplicationStatus.ACCEPTED)))
        .values_list("pk", "n")
    )
    return [
        AudienceRow(
            g.survey, g.home_group, responses.get((g.survey_id, g.home_group_id), 0), sizes.get(g.home_group_id, 0)
        )
        for g in audience
    ]


def export_rows(survey: Survey, *, include_hidden: bool = False) -> Iterator[list[str]]:
    """The survey as a table: a header, then one row per response with one column per question. One query (left
    joins, so a response with no answers still has its row), streamed in chunks, whatever the number of responses."""
    questions = list(survey.questions.all())
    labels = {o.pk: o.label for q in questions for o in q.options.all()}
    header = ["response", "submitted", "updated", "home group"]
    if not survey.anonymous:
        header.append("name")
    yield [csv_cell(h) for h in header + [q.text for q in questions]]
    rows = (
        Response.objects.filter(survey=survey)
        .order_by("id", "answers__question_id", "answers__ticks__option__order", "answers__ticks__option_id")
        .values_list(
            "id",
            "submitted_at",
            "updated_at",
            "home_group__name",
            "respondent_name",
            "answers__question_id",
            "answers__option_id",
            "answers__rating",
            "answers__text",
            "answers__hidden",
            "answers__ticks__option_id",
        )
        .iterator(chunk_size=5000)
    )
    for response_id, answer_rows in groupby(rows, key=lambda r: r[0]):
        answer_rows = list(answer_rows)
        first = answer_rows[0]
        cells = [response_id, first[1].isoformat(), first[2].isoformat(), first[3]]
        if not survey.anonymous:
            cells.append(first[4])
        by_question: dict[int, list] = {}
        for *_, question_id, option_id, rating, text, hidden, ticked in answer_rows:
            if question_id is None:
                continue
            values = by_question.setdefault(question_id, [])
            if option_id is not None:
                values.append(labels[option_id])
            elif rating is not None:
                values.append(rating)
            elif ticked is not None:
                values.append(labels[ticked])
            elif text and (include_hidden or not hidden):
                values.append(text)
        cells += ["; ".join(str(v) for v in by_question.get(q.pk, [])) for q in questions]
        yield [csv_cell(c) for c in cells]
