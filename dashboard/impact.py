"""The impact report's figures, each read through the owning app's selectors and report functions.

`impact_figures` is the one place the figures are gathered: the report page, its printable form, the CSV and JSON
downloads and `manage.py event_report` all call it. It runs a fixed number of queries, whatever the event's size.
"""

from dataclasses import dataclass

from applications import selectors as applications
from dashboard.figures import DayScans, GroupFigures, HeadlineFigures, ImpactFigures, OrganisationFigures, Row
from dashboard.figures import compared as compared_rows
from dashboard.models import ImpactNarrative, ImpactQuote
from eventsite.models import Event
from feedback import selectors as feedback
from profiles import selectors as profiles
from timetable import selectors as timetable


def impact_figures(event: Event) -> ImpactFigures:
    schools = applications.attending_schools(event)
    sessions = {group.pk: group.session_count for group in timetable.sessions_per_home_group(event)}
    groups = tuple(
        GroupFigures(
            group.name, group.service_area.name, group.members_count, group.capacity, sessions.get(group.pk, 0)
        )
        for group in applications.home_group_fill(event)
    )
    organisations = tuple(
        OrganisationFigures(org.name, org.presenter_count) for org in timetable.partner_organisations(event)
    )
    scans = profiles.scan_totals(event)
    survey = feedback.survey_headlines(event)
    headlines = tuple(
        HeadlineFigures(h.key, h.text, h.label, h.share.count, h.share.n, h.share.percent) for h in survey.headlines
    )
    return ImpactFigures(
        event_slug=event.slug,
        event_name=event.name,
        venue=event.venue,
        start_date=event.start_date,
        end_date=event.end_date,
        students_attending=applications.attending_students(event),
        schools_attending=schools["schools"],
        priority_schools_attending=schools["priority_schools"],
        home_groups=groups,
        visiting_groups=timetable.visiting_groups_served(event).count(),
        staff_involved=timetable.staff_involved(event).count(),
        partner_organisations=organisations,
        careers_showcased=profiles.careers_showcased(event),
        qr_profile_accesses=scans.profile_pages,
        qr_scans=scans.total,
        qr_unique_visitors=scans.unique,
        qr_scans_by_day=tuple(DayScans(day.day, day.total) for day in scans.by_day),
        feedback_responses=survey.responses,
        survey_headlines=headlines,
    )


def previous_edition(event: Event, narrative: ImpactNarrative | None = None) -> Event | None:
    """The edition to compare with: the one the organisers chose on the report's text, else the latest event that
    started before this one."""
    if narrative is not None and narrative.previous_edition_id:
        return narrative.previous_edition
    return Event.objects.filter(start_date__lt=event.start_date).order_by("-start_date").first()


@dataclass(frozen=True)
class ImpactReport:
    event: Event
    figures: ImpactFigures
    previous_event: Event | None
    previous: ImpactFigures | None
    rows: list[Row]
    summary: str
    quotes: list[ImpactQuote]


def impact_report(event: Event) -> ImpactReport:
    """The figures of the event and of the edition it compares with, and the organisers' words."""
    narrative = ImpactNarrative.objects.filter(event=event).select_related("previous_edition").first()
    earlier = previous_edition(event, narrative)
    figures = impact_figures(event)
    previous = impact_figures(earlier) if earlier is not None else None
    return ImpactReport(
        event=event,
        figures=figures,
        previous_event=earlier,
        previous=previous,
        rows=compared_rows(figures, previous),
        summary=narrative.summary if narrative else "",
        quotes=list(narrative.quotes.all()) if narrative else [],
    )
