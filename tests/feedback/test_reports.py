"""The pure report figures: exact percentages and the rounding rule, means, top-box shares and CSV cells."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventsite.spreadsheets import csv_cell
from feedback import reports
from feedback.reports import AnswerCount, OptionSpec, QuestionSpec, TickCount

INTEREST = QuestionSpec(1, reports.RATING, "How interesting?", min_label="Not", max_label="Very", key="interest")
CAREER = QuestionSpec(
    2,
    reports.SINGLE,
    "A career in cancer services?",
    options=(OptionSpec(21, "Yes", True), OptionSpec(22, "Maybe", True), OptionSpec(23, "No")),
    key="career",
)
LEARNT = QuestionSpec(3, reports.YES_NO, "Learnt something new?", (OptionSpec(31, "Yes", True), OptionSpec(32, "No")))
TICKS = QuestionSpec(4, reports.MULTIPLE, "Which sessions?", (OptionSpec(41, "Tour"), OptionSpec(42, "Marketplace")))
BEST = QuestionSpec(5, reports.TEXT, "Best part?")


@pytest.mark.parametrize(
    ("count", "n", "expected"),
    [
        (87, 91, 96),  # 95.60% -> 96: the write-up's interest figure
        (89, 91, 98),  # 97.80% -> 98: yes or maybe
        (70, 70, 100),
        (1, 8, 13),  # 12.5% exactly: half rounds up
        (3, 8, 38),  # 37.5% -> 38
        (1, 200, 1),  # 0.5% -> 1
        (1, 201, 0),  # 0.497% -> 0
        (2, 3, 67),
        (1, 3, 33),
        (0, 5, 0),
        (5, 5, 100),
    ],
)
def test_percent_rounds_half_up_to_a_whole_percent(count, n, expected):
    assert reports.percent(count, n) == expected


def test_percent_of_nobody_is_none():
    assert reports.percent(0, 0) is None


@given(st.integers(min_value=1, max_value=10**6), st.data())
def test_percent_is_exact_half_up_rounding(n, data):
    count = data.draw(st.integers(min_value=0, max_value=n))
    exact = Decimal(count * 100) / Decimal(n)
    assert reports.percent(count, n) == int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


@pytest.mark.parametrize(
    ("total", "n", "expected"),
    [
        (7, 2, Decimal("3.5")),
        (69, 20, Decimal("3.5")),
        (67, 20, Decimal("3.4")),
        (10, 3, Decimal("3.3")),
        (5, 1, Decimal("5.0")),
        (389, 91, Decimal("4.3")),
    ],
)
def test_mean_rounds_half_up_to_one_decimal_place(total, n, expected):
    assert reports.mean(total, n) == expected


def test_rating_figures_give_distribution_mean_and_share_at_three_or_more():
    counts = [
        AnswerCount(1, 10, None, 1, 1),
        AnswerCount(1, 10, None, 2, 3),
        AnswerCount(1, 10, None, 3, 20),
        AnswerCount(1, 11, None, 4, 30),
        AnswerCount(1, 11, None, 5, 37),
        AnswerCount(2, 11, 21, None, 9),  # another question's row is ignored
    ]
    figures = reports.question_figures(INTEREST, counts)
    assert figures.n == 91
    assert [(b.label, b.share.count, b.share.percent) for b in figures.bars] == [
        ("1 (Not)", 1, 1),
        ("2", 3, 3),
        ("3", 20, 22),
        ("4", 30, 33),
        ("5 (Very)", 37, 41),
    ]
    assert figures.mean == Decimal("4.1")  # 373 / 91 = 4.099
    assert (figures.top_box.count, figures.top_box.n, figures.top_box.percent) == (87, 91, 96)
    assert figures.top_box_label == "Rated 3 or more"


def test_single_choice_top_box_is_yes_or_maybe():
    counts = [AnswerCount(2, 1, 21, None, 60), AnswerCount(2, 1, 22, None, 29), AnswerCount(2, 1, 23, None, 2)]
    figures = reports.question_figures(CAREER, counts)
    assert [(b.label, b.share.count, b.share.percent) for b in figures.bars] == [
        ("Yes", 60, 66),
        ("Maybe", 29, 32),
        ("No", 2, 2),
    ]
    assert (figures.top_box.count, figures.top_box.n, figures.top_box.percent) == (89, 91, 98)
    assert figures.top_box_label == "Yes or maybe"
    assert figures.mean is None


def test_yes_no_top_box_is_yes():
    figures = reports.question_figures(LEARNT, [AnswerCount(3, 1, 31, None, 70)])
    assert (figures.top_box.percent, figures.top_box.n, figures.top_box_label) == (100, 70, "Yes")
    assert figures.bars[1].share.percent == 0


def test_multiple_choice_shares_are_of_those_who_answered():
    counts = [AnswerCount(4, 1, None, None, 8), AnswerCount(4, 2, None, None, 2)]
    ticks = [TickCount(4, 1, 41, 6), TickCount(4, 2, 41, 1), TickCount(4, 1, 42, 9)]
    figures = reports.question_figures(TICKS, counts, ticks)
    assert figures.n == 10
    assert [(b.share.count, b.share.percent) for b in figures.bars] == [(7, 70), (9, 90)]
    assert figures.top_box is None


def test_text_question_has_only_its_n():
    figures = reports.question_figures(BEST, [AnswerCount(5, 1, None, None, 12)])
    assert (figures.n, figures.bars, figures.top_box, figures.mean) == (12, (), None, None)


def test_no_answers_give_no_percentages():
    figures = reports.question_figures(INTEREST, [])
    assert figures.n == 0
    assert figures.mean is None
    assert figures.top_box.percent is None
    assert all(b.share.percent is None for b in figures.bars)


def test_survey_report_splits_by_group_in_the_given_order():
    counts = [
        AnswerCount(3, 1, 31, None, 20),
        AnswerCount(3, 2, 31, None, 5),
        AnswerCount(3, 2, 32, None, 5),
    ]
    report = reports.survey_report([LEARNT], [(2, "Visitors"), (1, "Home"), (3, "Nobody")], {1: 20, 2: 10}, counts)
    assert report.overall.responses == 30
    assert report.overall.questions[0].top_box.percent == 83  # 25 of 30 = 83.3%
    assert [(g.label, g.responses, g.questions[0].top_box.percent) for g in report.groups] == [
        ("Visitors", 10, 50),
        ("Home", 20, 100),
        ("Nobody", 0, None),
    ]


def test_headlines_add_up_questions_that_share_a_key():
    other_interest = QuestionSpec(6, reports.RATING, "Interest again", key="interest")
    counts = [
        AnswerCount(1, 1, None, 5, 20),
        AnswerCount(1, 1, None, 2, 1),
        AnswerCount(6, 2, None, 3, 67),
        AnswerCount(6, 2, None, 1, 3),
        AnswerCount(2, 1, 21, None, 89),
        AnswerCount(2, 1, 23, None, 2),
    ]
    result = reports.headlines([INTEREST, CAREER, other_interest, BEST, LEARNT], counts)
    assert [(h.key, h.label, h.share.count, h.share.n, h.share.percent) for h in result] == [
        ("interest", "Rated 3 or more", 87, 91, 96),
        ("career", "Yes or maybe", 89, 91, 98),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+44 151", "'+44 151"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-1", "-1"),
        ("-note", "'-note"),
        ("plain", "plain"),
        (4, "4"),
        (None, ""),
    ],
)
def test_csv_cells_never_start_a_formula(value, expected):
    assert csv_cell(value) == expected
