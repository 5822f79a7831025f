"""Survey report figures from aggregate rows: pure Python, no Django (an import-linter contract keeps it so).

The database does the counting (GROUP BY question, home group, option and rating); this module turns those few
rows into what organisers quote: counts and percentages for every option, the mean and distribution of a rating
scale, and the headline ("top-box") share of each question, each with its n.

Rounding rule: a percentage is rounded half up to a whole percent, with integers only: 87 of 91 is 95.6% -> 96%,
1 of 8 is 12.5% -> 13%. A mean is rounded half up to one decimal place the same way. No floats are involved, so
the figures are exact and repeatable.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

RATING = "rating"
SINGLE = "single"
YES_NO = "yes_no"
MULTIPLE = "multiple"
TEXT = "text"
CHOICE_KINDS = (SINGLE, YES_NO, MULTIPLE)
ROUNDING_RULE = "Percentages are rounded half up to a whole percent (95.5% shows as 96%); means to one decimal place."


def percent(count: int, n: int) -> int | None:
    """count out of n as a whole percent, rounded half up; None when nobody answered."""
    if n <= 0:
        return None
    return (200 * count + n) // (2 * n)


def mean(total: int, n: int) -> Decimal | None:
    """total / n rounded half up to one decimal place; None when nobody answered."""
    if n <= 0:
        return None
    tenths = (20 * total + n) // (2 * n)
    return Decimal(tenths).scaleb(-1)


@dataclass(frozen=True)
class OptionSpec:
    id: int
    label: str
    positive: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    kind: str
    text: str
    options: tuple[OptionSpec, ...] = ()
    scale_min: int = 1
    scale_max: int = 5
    top_box_min: int = 3
    min_label: str = ""
    max_label: str = ""
    key: str = ""

    @property
    def top_box_label(self) -> str:
        """What the headline figure counts, in words: 'Rated 3 or more', 'Yes or maybe', 'Yes'."""
        if self.kind == RATING:
            return f"Rated {self.top_box_min} or more"
        positive = [o.label for o in self.options if o.positive]
        if self.kind in (SINGLE, YES_NO) and positive:
            return " or ".join([positive[0], *(label.lower() for label in positive[1:])])
        return ""


@dataclass(frozen=True)
class AnswerCount:
    """One row of the GROUP BY over answers. Text and multiple-choice answers have neither option nor rating."""

    question_id: int
    group_id: int | None
    option_id: int | None
    rating: int | None
    n: int


@dataclass(frozen=True)
class TickCount:
    """One row of the GROUP BY over the options ticked in multiple-choice answers."""

    question_id: int
    group_id: int | None
    option_id: int
    n: int


@dataclass(frozen=True)
class Share:
    count: int
    n: int

    @property
    def percent(self) -> int | None:
        return percent(self.count, self.n)


@dataclass(frozen=True)
class Bar:
    label: str
    share: Share
    positive: bool = False


@dataclass(frozen=True)
class QuestionFigures:
    question: QuestionSpec
    n: int  # how many answered it
    bars: tuple[Bar, ...] = ()  # one per option, or one per point of a rating scale
    mean: Decimal | None = None
    top_box: Share | None = None

    @property
    def top_box_label(self) -> str:
        return self.question.top_box_label


@dataclass(frozen=True)
class Breakdown:
    """The figures for every question over one set of responses: all of them, or one home group's."""

    label: str
    group_id: int | None
    responses: int
    questions: tuple[QuestionFigures, ...]


@dataclass(frozen=True)
class SurveyReport:
    overall: Breakdown
    groups: tuple[Breakdown, ...] = field(default=())


@dataclass(frozen=True)
class Headline:
    key: str
    text: str
    label: str
    share: Share


def question_figures(
    question: QuestionSpec, counts: Iterable[AnswerCount], ticks: Iterable[TickCount] = ()
) -> QuestionFigures:
    """One question's figures from its aggregate rows (rows of other questions are ignored)."""
    by_option: dict[int, int] = defaultdict(int)
    by_rating: dict[int, int] = defaultdict(int)
    n = 0
    for row in counts:
        if row.question_id != question.id:
            continue
        n += row.n
        if row.option_id is not None:
            by_option[row.option_id] += row.n
        if row.rating is not None:
            by_rating[row.rating] += row.n
    if question.kind == MULTIPLE:
        for tick in ticks:
            if tick.question_id == question.id:
                by_option[tick.option_id] += tick.n
    if question.kind == RATING:
        return _rating_figures(question, n, by_rating)
    if question.kind in CHOICE_KINDS:
        bars = tuple(Bar(o.label, Share(by_option[o.id], n), o.positive) for o in question.options)
        top_box = None
        if question.kind != MULTIPLE and any(o.positive for o in question.options):
            top_box = Share(sum(by_option[o.id] for o in question.options if o.positive), n)
        return QuestionFigures(question, n, bars, top_box=top_box)
    return QuestionFigures(question, n)


def _rating_figures(question: QuestionSpec, n: int, by_rating: dict[int, int]) -> QuestionFigures:
    points = range(question.scale_min, question.scale_max + 1)
    bars = []
    for point in points:
        label = str(point)
        if point == question.scale_min and question.min_label:
            label = f"{point} ({question.min_label})"
        elif point == question.scale_max and question.max_label:
            label = f"{point} ({question.max_label})"
        bars.append(Bar(label, Share(by_rating[point], n), point >= question.top_box_min))
    rated = sum(by_rating[p] for p in points)
    total = sum(p * by_rating[p] for p in points)
    top = sum(by_rating[p] for p in points if p >= question.top_box_min)
    return QuestionFigures(question, rated, tuple(bars), mean(total, rated), Share(top, rated))


def breakdown(
    label: str,
    group_id: int | None,
    responses: int,
    questions: Sequence[QuestionSpec],
    counts: Sequence[AnswerCount],
    ticks: Sequence[TickCount] = (),
) -> Breakdown:
    return Breakdown(label, group_id, responses, tuple(question_figures(q, counts, ticks) for q in questions))


def survey_report(
    questions: Sequence[QuestionSpec],
    groups: Sequence[tuple[int, str]],
    responses_by_group: dict[int, int],
    counts: Sequence[AnswerCount],
    ticks: Sequence[TickCount] = (),
) -> SurveyReport:
    """Figures over all responses, then for each home group (in the order given) on its own rows."""
    counts_by_group: dict[int | None, list[AnswerCount]] = defaultdict(list)
    ticks_by_group: dict[int | None, list[TickCount]] = defaultdict(list)
    for row in counts:
        counts_by_group[row.group_id].append(row)
    for tick in ticks:
        ticks_by_group[tick.group_id].append(tick)
    overall = breakdown("All responses", None, sum(responses_by_group.values()), questions, counts, ticks)
    per_group = tuple(
        breakdown(
            name,
            group_id,
            responses_by_group.get(group_id, 0),
            questions,
            counts_by_group[group_id],
            ticks_by_group[group_id],
        )
        for group_id, name in groups
    )
    return SurveyReport(overall, per_group)


def headlines(questions: Sequence[QuestionSpec], counts: Sequence[AnswerCount]) -> list[Headline]:
    """The headline share of each keyed question, adding up questions that share a key (e.g. 'interest' asked in
    several surveys of one event), in order of first appearance."""
    keyed: dict[str, list[QuestionSpec]] = defaultdict(list)
    for question in questions:
        if question.key and question.kind in (RATING, SINGLE, YES_NO):
            keyed[question.key].append(question)
    result = []
    for key, group in keyed.items():
        count = n = 0
        for question in group:
            top_box = question_figures(question, counts).top_box
            if top_box is not None:
                count, n = count + top_box.count, n + top_box.n
        result.append(Headline(key, group[0].text, group[0].top_box_label, Share(count, n)))
    return result
