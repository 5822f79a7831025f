"""The pure shaping of the impact figures: rows, comparison, JSON, CSV and text."""

import datetime
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from dashboard.figures import (
    DayScans,
    GroupFigures,
    HeadlineFigures,
    ImpactFigures,
    OrganisationFigures,
    as_json,
    compared,
    csv_rows,
    glance,
    rows,
    sections,
    text_lines,
)

FIGURES = ImpactFigures(
    event_slug="eow-2030",
    event_name="Experience of the Workplace",
    venue="Hope Park",
    start_date=datetime.date(2030, 6, 17),
    end_date=datetime.date(2030, 6, 21),
    students_attending=250,
    schools_attending=30,
    priority_schools_attending=10,
    home_groups=(
        GroupFigures("Cancer services home group", "Cancer services", 21, 21, 7),
        GroupFigures("=Nursing", "Nursing", 30, 30, 1),
    ),
    visiting_groups=4,
    staff_involved=32,
    partner_organisations=(OrganisationFigures("Macmillan", 3), OrganisationFigures("NHS England", 4)),
    careers_showcased=22,
    qr_profile_accesses=81,
    qr_scans=90,
    qr_unique_visitors=67,
    qr_scans_by_day=(DayScans(datetime.date(2030, 6, 17), 14),),
    feedback_responses=91,
    survey_headlines=(
        HeadlineFigures("interest", "How interesting?", "Rated 3 or more", 87, 91, 96),
        HeadlineFigures("learnt", "Learnt something?", "Yes", 0, 0, None),
    ),
)
JSON_KEYS = [
    "schema",
    "event",
    "students_attending",
    "schools_attending",
    "priority_schools_attending",
    "home_groups",
    "visiting_groups",
    "staff_involved",
    "partner_organisations",
    "careers_showcased",
    "qr_profile_accesses",
    "qr_scans",
    "qr_unique_visitors",
    "qr_scans_by_day",
    "feedback_responses",
    "survey_headlines",
    "previous_edition",
]


def test_rows_give_every_figure_with_a_stable_key():
    by_key = {row.key: row for row in rows(FIGURES)}
    assert list(by_key)[:4] == ["students_attending", "schools_attending", "priority_schools_attending", "home_groups"]
    assert by_key["home_groups"].value == 2
    assert by_key["home_group:Cancer services home group:students"].value == 21
    assert by_key["home_group:Cancer services home group:sessions"].value == 7
    assert by_key["partner_organisations"].value == 2
    interest = by_key["survey:interest"]
    assert (interest.display, interest.detail, interest.label) == (
        "96%",
        "87 of 91",
        "How interesting? (rated 3 or more)",
    )
    assert by_key["survey:learnt"].display == "—"
    assert [title for title, _ in sections(rows(FIGURES))] == [
        "Students and schools",
        "Home groups and sessions",
        "Staff and partners",
        "Careers and QR codes",
        "Feedback",
    ]


def test_comparison_gives_the_previous_value_and_the_change():
    before = replace(
        FIGURES,
        students_attending=240,
        home_groups=FIGURES.home_groups[:1],
        survey_headlines=(HeadlineFigures("interest", "How interesting?", "Rated 3 or more", 80, 85, 94),),
    )
    by_key = {row.key: row for row in compared(FIGURES, before)}
    students = by_key["students_attending"]
    assert (students.previous, students.change, students.change_display, students.previous_display) == (
        240,
        10,
        "+10",
        "240",
    )
    assert by_key["survey:interest"].change_display == "+2 points"
    nursing = by_key["home_group:=Nursing:students"]
    assert (nursing.previous, nursing.change, nursing.change_display) == (None, None, "—")
    assert by_key["survey:learnt"].change is None  # nobody answered this year
    assert by_key["staff_involved"].change_display == "no change"


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_the_change_is_this_edition_less_the_previous(now, before):
    row = {r.key: r for r in compared(replace(FIGURES, qr_scans=now), replace(FIGURES, qr_scans=before))}["qr_scans"]
    assert row.change == now - before and row.value == now and row.previous == before


def test_json_has_one_stable_key_per_figure():
    document = as_json(FIGURES)
    assert list(document) == JSON_KEYS
    assert document["event"] == {
        "slug": "eow-2030",
        "name": "Experience of the Workplace",
        "venue": "Hope Park",
        "start_date": "2030-06-17",
        "end_date": "2030-06-21",
    }
    assert document["home_groups"][0] == {
        "name": "Cancer services home group",
        "service_area": "Cancer services",
        "students": 21,
        "capacity": 21,
        "sessions": 7,
    }
    assert document["partner_organisations"] == [{"name": "Macmillan", "staff": 3}, {"name": "NHS England", "staff": 4}]
    assert document["qr_scans_by_day"] == [{"date": "2030-06-17", "scans": 14}]
    assert document["survey_headlines"] == {
        "interest": {
            "question": "How interesting?",
            "label": "Rated 3 or more",
            "count": 87,
            "answered": 91,
            "percent": 96,
        },
        "learnt": {"question": "Learnt something?", "label": "Yes", "count": 0, "answered": 0, "percent": None},
    }
    assert document["previous_edition"] is None
    with_previous = as_json(FIGURES, replace(FIGURES, event_slug="eow-2029"))
    assert list(with_previous["previous_edition"]) == JSON_KEYS[:-1]  # the same figures, without a comparison
    assert with_previous["previous_edition"]["event"]["slug"] == "eow-2029"


def test_csv_has_a_line_per_figure_and_defuses_formulas():
    lines = csv_rows(rows(FIGURES), with_previous=False)
    assert lines[0] == ["section", "key", "figure", "value", "unit", "detail"]
    assert ["Students and schools", "students_attending", "Students attending", "250", "count", ""] in lines
    assert ["Feedback", "survey:interest", "How interesting? (rated 3 or more)", "96", "percent", "87 of 91"] in lines
    assert ["Feedback", "survey:learnt", "Learnt something? (yes)", "", "percent", "0 of 0"] in lines
    nursing = next(line for line in lines if line[1] == "home_group:=Nursing:students")
    assert nursing[2] == "'=Nursing: students"
    compared_lines = csv_rows(compared(FIGURES, replace(FIGURES, qr_scans=100)), with_previous=True)
    assert compared_lines[0][-2:] == ["previous", "change"]
    assert next(line for line in compared_lines if line[1] == "qr_scans")[-3:] == ["", "100", "-10"]


def test_text_lists_the_sections_with_aligned_figures():
    lines = text_lines(FIGURES, rows(FIGURES))
    assert lines[:2] == ["Experience of the Workplace, Hope Park", "17 June 2030 to 21 June 2030"]
    assert "Students attending           250" in lines
    assert "How interesting? (rated 3 or more)  96% (87 of 91)" in lines
    with_previous = text_lines(FIGURES, compared(FIGURES, FIGURES), previous_name="Last year")
    assert "Compared with: Last year" in with_previous
    assert "Students attending           250  [before: 250; change: no change]" in with_previous


def test_glance_quotes_the_headline_figures():
    items = [(item.value, item.label) for item in glance(FIGURES)]
    assert items[:4] == [
        ("250", "students attended"),
        ("30", "schools, 10 of them priority schools"),
        ("2", "home groups, and 4 visiting groups"),
        ("32", "staff from 2 organisations"),
    ]
    assert ("96%", "How interesting? rated 3 or more (87 of 91)") in items
