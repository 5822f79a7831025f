import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications.models import Application, ApplicationStatus
from dashboard.impact import impact_figures, impact_report, previous_edition
from feedback.models import Survey
from tests.dashboard.conftest import LARGE, SMALL, populate, submit
from tests.factories import EventFactory, ImpactNarrativeFactory, ImpactQuoteFactory

pytestmark = pytest.mark.django_db


def test_figures_of_a_small_event(small_event):
    figures = impact_figures(small_event)
    assert (figures.students_attending, figures.schools_attending, figures.priority_schools_attending) == (6, 2, 1)
    assert [(g.name, g.service_area, g.students, g.capacity, g.sessions) for g in figures.home_groups] == [
        ("Group 1", "Cancer services", 4, 6, 3),  # its two sessions and its visit's
        ("Group 2", "Cancer services", 2, 6, 2),
    ]
    assert figures.visiting_groups == 1
    assert figures.staff_involved == 5
    assert [(o.name, o.staff) for o in figures.partner_organisations] == [
        ("Partner Trust A", 3),
        ("Partner Trust B", 2),
    ]
    assert (figures.careers_showcased, figures.qr_profile_accesses, figures.qr_scans) == (2, 4, 4)
    assert [(d.day, d.scans) for d in figures.qr_scans_by_day][:2] == [
        (datetime.date(2030, 6, 17), 4),
        (datetime.date(2030, 6, 18), 0),
    ]
    assert figures.feedback_responses == 4
    assert [(h.key, h.count, h.answered, h.percent) for h in figures.survey_headlines] == [
        ("interest", 2, 4, 50),
        ("career", 2, 4, 50),
        ("learnt", 4, 4, 100),
    ]


def test_withdrawn_students_and_new_responses_move_the_figures(small_event):
    placed = list(Application.objects.filter(event=small_event, home_group__name="Group 2").order_by("pk"))
    # The organisers take a student out (the school's withdrawal is only open before the window closes).
    Application.objects.filter(pk=placed[0].pk).update(status=ApplicationStatus.WITHDRAWN, home_group=None)
    survey = Survey.objects.get(event=small_event)
    group = placed[1].home_group
    submit(survey, group, interest=5, career="Maybe")
    submit(survey, group, interest=3, career="Yes", learnt="No")

    figures = impact_figures(small_event)
    assert figures.students_attending == 5
    assert figures.group("Group 2").students == 1
    assert figures.feedback_responses == 6
    assert [(h.key, h.count, h.answered, h.percent) for h in figures.survey_headlines] == [
        ("interest", 4, 6, 67),  # 66.7% rounds half up to 67%
        ("career", 4, 6, 67),
        ("learnt", 5, 6, 83),
    ]


def test_an_event_with_nothing_yet_has_zero_figures(event):
    figures = impact_figures(event)
    assert (figures.students_attending, figures.staff_involved, figures.feedback_responses) == (0, 0, 0)
    assert figures.home_groups == () and figures.survey_headlines == ()
    assert len(figures.qr_scans_by_day) == 5


def test_the_previous_edition_is_the_latest_earlier_event_unless_one_is_chosen(event):
    older = EventFactory(start_date=datetime.date(2028, 6, 19))
    last_year = EventFactory(start_date=datetime.date(2029, 6, 18))
    EventFactory(start_date=datetime.date(2031, 6, 16))  # later: never a previous edition
    assert previous_edition(event) == last_year
    narrative = ImpactNarrativeFactory(event=event, previous_edition=older)
    assert previous_edition(event, narrative) == older
    assert previous_edition(older) is None


def test_the_report_compares_with_the_previous_edition(small_event):
    last_year = EventFactory(start_date=datetime.date(2029, 6, 18))
    populate(last_year, SMALL)
    Application.objects.filter(event=last_year, status=ApplicationStatus.ACCEPTED).order_by("pk").first().delete()
    narrative = ImpactNarrativeFactory(event=small_event)
    ImpactQuoteFactory(narrative=narrative, text="Second", order=2)
    ImpactQuoteFactory(narrative=narrative, text="First", order=1)

    report = impact_report(small_event)
    assert report.previous_event == last_year
    students = next(row for row in report.rows if row.key == "students_attending")
    assert (students.value, students.previous, students.change, students.change_display) == (6, 5, 1, "+1")
    interest = next(row for row in report.rows if row.key == "survey:interest")
    assert (interest.display, interest.previous, interest.change_display) == ("50%", 50, "no change")
    assert report.summary.startswith("A week of careers")
    assert [quote.text for quote in report.quotes] == ["First", "Second"]


def test_a_first_edition_has_no_comparison(small_event):
    report = impact_report(small_event)
    assert report.previous_event is None and report.previous is None
    assert all(row.previous is None and row.change is None for row in report.rows)
    assert report.summary == "" and report.quotes == []


def _queries(event) -> int:
    with CaptureQueriesContext(connection) as context:
        impact_figures(event)
    return len(context)


def test_the_figures_take_the_same_queries_whatever_the_size(small_event, large_event):
    small, large = _queries(small_event), _queries(large_event)
    assert small == large <= 14
    assert impact_figures(large_event).students_attending == LARGE.schools * LARGE.students
