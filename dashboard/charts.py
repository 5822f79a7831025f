"""The data of the pages' charts (passed to static/dashboard/charts.js with json_script). Each chart has a table
with the same numbers beside it in the template."""

from dashboard import figures as report
from dashboard.figures import ImpactFigures
from dashboard.overview import Dashboard

# Each section of the impact report and its chart: (canvas id, what the chart shows).
SECTION_CHARTS = {
    report.STUDENTS: ("chart-schools", "Bar chart of priority and other schools attending"),
    report.GROUPS: ("chart-groups", "Bar chart of students and sessions in each home group"),
    report.STAFF: ("chart-organisations", "Bar chart of staff from each partner organisation"),
    report.CAREERS: ("chart-scans", "Bar chart of QR scans each day"),
    report.FEEDBACK: ("chart-headlines", "Bar chart of the survey headline percentages"),
}


def chart(chart_id: str, labels: list[str], datasets: dict[str, list[int | None]], *, horizontal=False, percent=False):
    return {
        "id": chart_id,
        "labels": labels,
        "datasets": [{"label": label, "data": data} for label, data in datasets.items()],
        "horizontal": horizontal,
        "percent": percent,
    }


def dashboard_charts(board: Dashboard) -> list[dict]:
    statuses = list(board.funnel.by_status)
    return [
        chart(
            "chart-funnel",
            [status.capitalize() for status in statuses],
            {
                "All schools": [board.funnel.by_status[s] for s in statuses],
                "Priority schools": [board.priority_funnel.by_status[s] for s in statuses],
            },
        ),
        chart(
            "chart-groups",
            [group.name for group in board.groups],
            {
                "Students": [group.members_count for group in board.groups],
                "Places": [group.capacity for group in board.groups],
            },
            horizontal=True,
        ),
        chart(
            "chart-days",
            [f"{day.day:%a} {day.day.day}" for day in board.days],
            {"Sessions": [day.sessions for day in board.days], "Staff": [day.staff for day in board.days]},
        ),
        chart(
            "chart-scans",
            [f"{day.day:%a} {day.day.day} {day.day:%b}" for day in board.scans.by_day],
            {"Scans": [day.total for day in board.scans.by_day]},
        ),
        chart(
            "chart-surveys",
            [survey.title for survey in board.surveys],
            {
                "Responses": [survey.responses for survey in board.surveys],
                "Audience": [survey.audience for survey in board.surveys],
            },
            horizontal=True,
        ),
    ]


def impact_charts(figures: ImpactFigures) -> list[dict]:
    other = figures.schools_attending - figures.priority_schools_attending
    return [
        chart(
            "chart-schools",
            ["Priority schools", "Other schools"],
            {"Schools": [figures.priority_schools_attending, other]},
            horizontal=True,
        ),
        chart(
            "chart-groups",
            [group.name for group in figures.home_groups],
            {
                "Students": [group.students for group in figures.home_groups],
                "Sessions": [group.sessions for group in figures.home_groups],
            },
            horizontal=True,
        ),
        chart(
            "chart-organisations",
            [org.name for org in figures.partner_organisations],
            {"Staff": [org.staff for org in figures.partner_organisations]},
            horizontal=True,
        ),
        chart(
            "chart-scans",
            [f"{day.day:%a} {day.day.day} {day.day:%b}" for day in figures.qr_scans_by_day],
            {"Scans": [day.scans for day in figures.qr_scans_by_day]},
        ),
        chart(
            "chart-headlines",
            [headline.question for headline in figures.survey_headlines],
            {"Percent": [headline.percent for headline in figures.survey_headlines]},
            horizontal=True,
            percent=True,
        ),
    ]
