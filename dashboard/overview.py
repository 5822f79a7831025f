"""The organiser dashboard's figures during the week, read through the apps' selectors.

A fixed number of queries whatever the event's size: the application funnel (two), home-group fill (one), the
scheduled timetable once for the clash check and the figures by day, the QR scan totals (two) and the survey
audiences (three).
"""

import datetime
from dataclasses import dataclass

from applications import selectors as applications
from applications.models import ApplicationStatus, HomeGroup
from eventsite.models import Event
from feedback import reports
from feedback import selectors as feedback
from profiles import selectors as profiles
from profiles.selectors import ScanTotals
from timetable import selectors as timetable
from timetable.conflicts import Clash

STATUSES = [status.value for status in ApplicationStatus]


@dataclass(frozen=True)
class Funnel:
    """Applications by status (keyed by ApplicationStatus value) and in all."""

    total: int
    by_status: dict[str, int]


@dataclass(frozen=True)
class SchoolFunnel:
    pk: int
    name: str
    priority: bool
    funnel: Funnel


@dataclass(frozen=True)
class DayFigures:
    index: int
    day: datetime.date
    sessions: int
    staff: int


@dataclass(frozen=True)
class SurveyFigures:
    pk: int
    title: str
    responses: int
    audience: int

    @property
    def percent(self) -> int | None:
        return reports.percent(self.responses, self.audience)


@dataclass(frozen=True)
class Dashboard:
    event: Event
    today: datetime.date
    funnel: Funnel
    priority_funnel: Funnel
    schools: list[SchoolFunnel]
    groups: list[HomeGroup]  # with members_count
    clashes: list[Clash]
    blocking_clashes: int
    days: list[DayFigures]
    scans: ScanTotals
    surveys: list[SurveyFigures]

    @property
    def warning_clashes(self) -> int:
        return len(self.clashes) - self.blocking_clashes

    @property
    def places(self) -> int:
        return sum(group.capacity for group in self.groups)

    @property
    def placed(self) -> int:
        return sum(group.members_count for group in self.groups)

    @property
    def responses(self) -> int:
        return sum(survey.responses for survey in self.surveys)

    @property
    def audience(self) -> int:
        return sum(survey.audience for survey in self.surveys)

    @property
    def response_percent(self) -> int | None:
        return reports.percent(self.responses, self.audience)


def _funnel(counts) -> Funnel:
    return Funnel(sum(counts[status] for status in STATUSES), {status: counts[status] for status in STATUSES})


def dashboard(event: Event, today: datetime.date) -> Dashboard:
    funnel = applications.application_funnel(event)
    schools = [
        SchoolFunnel(school.pk, school.name, school.is_priority, _funnel({s: getattr(school, s) for s in STATUSES}))
        for school in funnel["per_school"]
    ]
    priority = {status: sum(s.funnel.by_status[status] for s in schools if s.priority) for status in STATUSES}

    by_day = timetable.sessions_by_day(event)
    clashes = timetable.timetable_clashes(event, [session for _, sessions in by_day for session in sessions])
    days = [
        DayFigures(
            index,
            day,
            len(sessions),
            len({presenter.pk for session in sessions for presenter in session.presenters.all()}),
        )
        for index, (day, sessions) in enumerate(by_day)
    ]

    audience: dict[int, SurveyFigures] = {}
    for row in feedback.responses_against_audience(event):
        before = audience.get(row.survey.pk, SurveyFigures(row.survey.pk, row.survey.title, 0, 0))
        audience[row.survey.pk] = SurveyFigures(
            before.pk, before.title, before.responses + row.responses, before.audience + row.audience
        )

    return Dashboard(
        event=event,
        today=today,
        funnel=Funnel(funnel["total"], funnel["by_status"]),
        priority_funnel=_funnel(priority),
        schools=schools,
        groups=list(applications.home_group_fill(event)),
        clashes=clashes.all,
        blocking_clashes=len(clashes.blocking),
        days=days,
        scans=profiles.scan_totals(event, today),
        surveys=list(audience.values()),
    )
