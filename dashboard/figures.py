"""The impact report's figures and their shapes: pure Python, no Django (an import-linter contract keeps it so).

`dashboard.impact.impact_figures` fills an `ImpactFigures` from the apps' selectors; everything here turns it into
what people read: the stable JSON document, the rows of the CSV and text forms, and the comparison with the
previous edition. The page, the printable document and `event_report` all go through these functions, so they
show the same numbers.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from eventsite.spreadsheets import csv_cell

SCHEMA_VERSION = 1
COUNT = "count"
PERCENT = "percent"
# The report's sections, in order.
STUDENTS = "Students and schools"
GROUPS = "Home groups and sessions"
STAFF = "Staff and partners"
CAREERS = "Careers and QR codes"
FEEDBACK = "Feedback"


@dataclass(frozen=True)
class GroupFigures:
    name: str
    service_area: str
    students: int
    capacity: int
    sessions: int


@dataclass(frozen=True)
class OrganisationFigures:
    name: str
    staff: int


@dataclass(frozen=True)
class DayScans:
    day: datetime.date
    scans: int


@dataclass(frozen=True)
class HeadlineFigures:
    """A survey headline: of `answered` students, `count` gave a positive answer, `percent` (feedback's rounding)."""

    key: str
    question: str
    label: str
    count: int
    answered: int
    percent: int | None


@dataclass(frozen=True)
class ImpactFigures:
    event_slug: str
    event_name: str
    venue: str
    start_date: datetime.date
    end_date: datetime.date
    students_attending: int
    schools_attending: int
    priority_schools_attending: int
    home_groups: tuple[GroupFigures, ...]
    visiting_groups: int
    staff_involved: int
    partner_organisations: tuple[OrganisationFigures, ...]
    careers_showcased: int
    qr_profile_accesses: int
    qr_scans: int
    qr_unique_visitors: int
    qr_scans_by_day: tuple[DayScans, ...]
    feedback_responses: int
    survey_headlines: tuple[HeadlineFigures, ...]

    def group(self, name: str) -> GroupFigures | None:
        return next((group for group in self.home_groups if group.name == name), None)

    def headline(self, key: str) -> HeadlineFigures | None:
        return next((headline for headline in self.survey_headlines if headline.key == key), None)


@dataclass(frozen=True)
class Row:
    """One figure as a line of the report: `value` is a whole number (a count, or a percent), or None."""

    section: str
    key: str
    label: str
    value: int | None
    unit: str = COUNT
    detail: str = ""  # e.g. "87 of 91"
    previous: int | None = None
    change: int | None = None

    @property
    def display(self) -> str:
        return format_value(self.value, self.unit)

    @property
    def previous_display(self) -> str:
        return format_value(self.previous, self.unit)

    @property
    def change_display(self) -> str:
        if self.change is None:
            return "—"
        suffix = " points" if self.unit == PERCENT else ""
        return f"{self.change:+d}{suffix}" if self.change else "no change"


def format_value(value: int | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value}%" if unit == PERCENT else f"{value:,}"


@dataclass(frozen=True)
class Glance:
    value: str
    label: str


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def glance(figures: ImpactFigures) -> list[Glance]:
    """The headline figures at a glance, as the write-up quotes them."""
    visiting, partners = figures.visiting_groups, len(figures.partner_organisations)
    items = [
        Glance(format_value(figures.students_attending, COUNT), "students attended"),
        Glance(
            format_value(figures.schools_attending, COUNT),
            f"schools, {figures.priority_schools_attending} of them priority schools",
        ),
        Glance(
            format_value(len(figures.home_groups), COUNT), f"home groups, and {_plural(visiting, 'visiting group')}"
        ),
        Glance(format_value(figures.staff_involved, COUNT), f"staff from {_plural(partners, 'organisation')}"),
        Glance(format_value(figures.careers_showcased, COUNT), "careers showcased"),
        Glance(format_value(figures.qr_profile_accesses, COUNT), "job profile pages opened via QR code"),
        Glance(format_value(figures.feedback_responses, COUNT), "feedback responses"),
    ]
    items += [
        Glance(
            format_value(headline.percent, PERCENT),
            f"{headline.question} {headline.label.lower()} ({headline.count} of {headline.answered})",
        )
        for headline in figures.survey_headlines
    ]
    return items


def rows(figures: ImpactFigures) -> list[Row]:
    """Every figure of the report, section by section, each with a stable key."""
    students, groups, staff, careers, feedback = STUDENTS, GROUPS, STAFF, CAREERS, FEEDBACK
    result = [
        Row(students, "students_attending", "Students attending", figures.students_attending),
        Row(students, "schools_attending", "Schools", figures.schools_attending),
        Row(students, "priority_schools_attending", "Priority schools among them", figures.priority_schools_attending),
        Row(groups, "home_groups", "Home groups", len(figures.home_groups)),
    ]
    for group in figures.home_groups:
        result += [
            Row(groups, f"home_group:{group.name}:students", f"{group.name}: students", group.students),
            Row(groups, f"home_group:{group.name}:sessions", f"{group.name}: sessions across the week", group.sessions),
        ]
    result += [
        Row(groups, "visiting_groups", "Visiting groups", figures.visiting_groups),
        Row(staff, "staff_involved", "Staff involved", figures.staff_involved),
        Row(staff, "partner_organisations", "Partner organisations", len(figures.partner_organisations)),
        Row(careers, "careers_showcased", "Careers showcased", figures.careers_showcased),
        Row(careers, "qr_profile_accesses", "Job profile pages opened via QR code", figures.qr_profile_accesses),
        Row(careers, "qr_scans", "QR scans in all", figures.qr_scans),
        Row(feedback, "feedback_responses", "Feedback responses", figures.feedback_responses),
    ]
    for headline in figures.survey_headlines:
        result.append(
            Row(
                feedback,
                f"survey:{headline.key}",
                f"{headline.question} ({headline.label.lower()})",
                headline.percent,
                PERCENT,
                f"{headline.count} of {headline.answered}",
            )
        )
    return result


def compared(figures: ImpactFigures, previous: ImpactFigures | None) -> list[Row]:
    """The report's rows with the previous edition's value and the change beside each (when there is one)."""
    current = rows(figures)
    if previous is None:
        return current
    before = {row.key: row.value for row in rows(previous)}
    result = []
    for row in current:
        old = before.get(row.key)
        change = row.value - old if row.value is not None and old is not None else None
        result.append(replace(row, previous=old, change=change))
    return result


def sections(report_rows: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    """The rows grouped by section, in order."""
    grouped: dict[str, list[Row]] = {}
    for row in report_rows:
        grouped.setdefault(row.section, []).append(row)
    return list(grouped.items())


def as_json(figures: ImpactFigures, previous: ImpactFigures | None = None) -> dict:
    """The stable JSON document (its keys are listed in README.md); `previous_edition` is the same document for the
    edition compared with, or null."""
    document = _document(figures)
    document["previous_edition"] = _document(previous) if previous is not None else None
    return document


def _document(figures: ImpactFigures) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "event": {
            "slug": figures.event_slug,
            "name": figures.event_name,
            "venue": figures.venue,
            "start_date": figures.start_date.isoformat(),
            "end_date": figures.end_date.isoformat(),
        },
        "students_attending": figures.students_attending,
        "schools_attending": figures.schools_attending,
        "priority_schools_attending": figures.priority_schools_attending,
        "home_groups": [
            {
                "name": group.name,
                "service_area": group.service_area,
                "students": group.students,
                "capacity": group.capacity,
                "sessions": group.sessions,
            }
            for group in figures.home_groups
        ],
        "visiting_groups": figures.visiting_groups,
        "staff_involved": figures.staff_involved,
        "partner_organisations": [{"name": org.name, "staff": org.staff} for org in figures.partner_organisations],
        "careers_showcased": figures.careers_showcased,
        "qr_profile_accesses": figures.qr_profile_accesses,
        "qr_scans": figures.qr_scans,
        "qr_unique_visitors": figures.qr_unique_visitors,
        "qr_scans_by_day": [{"date": day.day.isoformat(), "scans": day.scans} for day in figures.qr_scans_by_day],
        "feedback_responses": figures.feedback_responses,
        "survey_headlines": {
            headline.key: {
                "question": headline.question,
                "label": headline.label,
                "count": headline.count,
                "answered": headline.answered,
                "percent": headline.percent,
            }
            for headline in figures.survey_headlines
        },
    }


def csv_rows(report_rows: Sequence[Row], *, with_previous: bool) -> list[list[str]]:
    """The report as a table: a header, then one line per figure (text that a spreadsheet would run is defused)."""
    header = ["section", "key", "figure", "value", "unit", "detail"]
    if with_previous:
        header += ["previous", "change"]
    lines = [header]
    for row in report_rows:
        line = [row.section, row.key, row.label, _cell(row.value), row.unit, row.detail]
        if with_previous:
            line += [_cell(row.previous), _cell(row.change)]
        lines.append([csv_cell(cell) for cell in line])
    return lines


def _date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


def text_lines(figures: ImpactFigures, report_rows: Sequence[Row], *, previous_name: str = "") -> list[str]:
    """The report as plain text for a terminal or an e-mail."""
    lines = [
        f"{figures.event_name}, {figures.venue}",
        f"{_date(figures.start_date)} to {_date(figures.end_date)}",
    ]
    if previous_name:
        lines.append(f"Compared with: {previous_name}")
    for section, section_rows in sections(report_rows):
        lines += ["", section, "-" * len(section)]
        width = max(len(row.label) for row in section_rows)
        for row in section_rows:
            line = f"{row.label.ljust(width)}  {row.display}"
            if row.detail:
                line += f" ({row.detail})"
            if previous_name:
                line += f"  [before: {row.previous_display}; change: {row.change_display}]"
            lines.append(line)
    return lines
