import json
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dashboard.conftest import DURING
from tests.dashboard.test_figures import JSON_KEYS
from tests.factories import EventFactory, ImpactNarrativeFactory, ImpactQuoteFactory

pytestmark = pytest.mark.django_db


def urls(event):
    return [
        reverse("dashboard:dashboard"),
        reverse("dashboard:live"),
        reverse("dashboard:impact_current"),
        reverse("dashboard:impact", args=[event.slug]),
        reverse("dashboard:impact_download", args=[event.slug, "csv"]),
        reverse("dashboard:impact_download", args=[event.slug, "json"]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, event):
    for url in urls(event):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("role", ["presenter", "school_contact", "plain_user"])
def test_other_roles_are_refused(client, event, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in urls(event):
        assert client.get(url).status_code == 403, url


@pytest.fixture
def during_week(client, organiser):
    """The clock on the Wednesday of the factory event's week, and an organiser signed in then."""
    with time_machine.travel(DURING, tick=False):
        client.force_login(organiser)
        yield client


def test_the_dashboard_shows_the_event_at_a_glance(during_week, small_event):
    response = during_week.get(reverse("dashboard:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    board = response.context["board"]
    assert board.event == small_event
    assert (board.funnel.total, board.funnel.by_status["accepted"], board.funnel.by_status["waitlisted"]) == (10, 6, 2)
    assert (board.priority_funnel.total, board.priority_funnel.by_status["accepted"]) == (5, 3)
    assert [(s.priority, s.funnel.by_status["rejected"]) for s in board.schools] == [(True, 1), (False, 1)]
    assert [(g.name, g.members_count, g.capacity) for g in board.groups] == [("Group 1", 4, 6), ("Group 2", 2, 6)]
    assert (board.placed, board.places) == (6, 12)
    assert (len(board.clashes), board.blocking_clashes) == (0, 0)
    assert [(d.sessions, d.staff) for d in board.days] == [(3, 3), (2, 2), (0, 0), (0, 0), (0, 0)]
    assert (board.scans.today, board.scans.total) == (0, 4)  # all scanned on Monday; it is Wednesday
    assert [(s.responses, s.audience, s.percent) for s in board.surveys] == [(4, 6, 67)]
    assert "survey responses from an audience of 6 (67%)" in body
    assert 'id="dashboard-charts"' in body and "dashboard/live.js" in body and "<script>" not in body
    charts = json.loads(re.search(r'id="dashboard-charts"[^>]*>(.*?)</script>', body, re.S).group(1))
    assert [chart["id"] for chart in charts] == [
        "chart-funnel",
        "chart-groups",
        "chart-days",
        "chart-scans",
        "chart-surveys",
    ]
    assert charts[0]["datasets"][0] == {"label": "All schools", "data": [0, 6, 2, 2, 0]}


def test_every_figure_links_to_a_list_that_opens(during_week, small_event):
    body = during_week.get(reverse("dashboard:live"), {"event": small_event.slug}).content.decode()
    links = set(re.findall(r'href="(/[^"]*)"', body))
    assert len(links) >= 15
    for link in sorted(links):
        response = during_week.get(link.replace("&amp;", "&"))
        # The admin answers a filter it does not know with a redirect to ?e=1; every link must be a real list.
        assert response.status_code == 200, link


def test_an_admin_list_behind_a_figure_shows_those_records(during_week, small_event):
    response = during_week.get(
        reverse("admin:applications_application_changelist"),
        {"event__id__exact": small_event.pk, "status__exact": "waitlisted"},
    )
    assert response.context["cl"].result_count == 2


def test_another_event_can_be_picked(organiser_client, small_event):
    other = EventFactory(name="Next year")
    body = organiser_client.get(reverse("dashboard:dashboard"), {"event": other.slug}).content.decode()
    assert "Dashboard · Next year" in body
    assert organiser_client.get(reverse("dashboard:dashboard"), {"event": "nope"}).status_code == 404


def test_the_live_fragment_holds_the_figures_only(during_week, small_event):
    response = during_week.get(reverse("dashboard:live"), {"event": small_event.slug})
    body = response.content.decode()
    assert "<html" not in body and "<nav" not in body
    assert 'id="dashboard-charts"' in body and "Refresh now" in body


def test_no_event_yet_is_a_404(organiser_client):
    assert organiser_client.get(reverse("dashboard:dashboard")).status_code == 404
    assert organiser_client.get(reverse("dashboard:impact_current")).status_code == 404


def _count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context)


def test_pages_take_the_same_queries_for_a_small_and_a_large_event(during_week, small_event, large_event):
    # Each includes the three of signing in: the session, the user and their roles.
    pages = [
        (lambda event: reverse("dashboard:dashboard"), 21),
        (lambda event: reverse("dashboard:live"), 20),
        (lambda event: reverse("dashboard:impact", args=[event.slug]), 21),
    ]
    for url, queries in pages:
        small = _count(during_week, url(small_event), {"event": small_event.slug})
        large = _count(during_week, url(large_event), {"event": large_event.slug})
        assert small == large == queries, url(small_event)


def test_the_impact_report_page(organiser_client, small_event):
    narrative = ImpactNarrativeFactory(event=small_event, summary="A great week.\n\n<b>Thanks</b> to everyone.")
    ImpactQuoteFactory(narrative=narrative, text="Brilliant!", attribution="A student")
    response = organiser_client.get(reverse("dashboard:impact", args=[small_event.slug]))
    body = response.content.decode()
    assert "<p>A great week.</p>" in body and "&lt;b&gt;Thanks&lt;/b&gt;" in body  # escaped
    assert "Brilliant!" in body and "A student" in body
    assert "students attended" in body and "Did you learn something new? yes (4 of 4)" in body
    assert "data-print" in body and "dashboard/dashboard.css" in body
    assert "Change</th>" not in body  # no earlier edition
    assert 'id="chart-groups"' in body and "rounded half up" in body


def test_the_impact_report_compares_with_the_edition_before(organiser_client, small_event):
    EventFactory(name="Last year's week", start_date=small_event.start_date.replace(year=2029))
    body = organiser_client.get(reverse("dashboard:impact", args=[small_event.slug])).content.decode()
    assert "Compared with Last year&#x27;s week" in body
    assert "Change</th>" in body and "+6" in body


def test_impact_current_goes_to_the_current_or_chosen_event(organiser_client, small_event):
    response = organiser_client.get(reverse("dashboard:impact_current"))
    assert response.url == reverse("dashboard:impact", args=[small_event.slug])
    other = EventFactory()
    response = organiser_client.get(reverse("dashboard:impact_current"), {"event": other.slug})
    assert response.url == reverse("dashboard:impact", args=[other.slug])


def test_downloads_give_the_same_figures(organiser_client, small_event):
    response = organiser_client.get(reverse("dashboard:impact_download", args=[small_event.slug, "json"]))
    assert response["Content-Disposition"] == f'attachment; filename="impact-{small_event.slug}.json"'
    assert list(response.json()) == JSON_KEYS and response.json()["students_attending"] == 6
    response = organiser_client.get(reverse("dashboard:impact_download", args=[small_event.slug, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "students_attending,Students attending,6,count," in response.content.decode()


def test_organisers_see_the_links_in_the_menu(organiser_client, small_event, client, presenter):
    body = organiser_client.get("/").content.decode()
    assert reverse("dashboard:dashboard") in body and reverse("dashboard:impact_current") in body
    client.force_login(presenter)
    assert reverse("dashboard:dashboard") not in client.get("/").content.decode()


def test_organisers_write_the_summary_and_quotes_in_the_admin(organiser_client, small_event):
    url = reverse("admin:dashboard_impactnarrative_add")
    assert organiser_client.get(url).status_code == 200
    response = organiser_client.post(
        url,
        {
            "event": small_event.pk,
            "summary": "Our week.",
            "previous_edition": "",
            "quotes-TOTAL_FORMS": "1",
            "quotes-INITIAL_FORMS": "0",
            "quotes-0-text": "Thank you for this week.",
            "quotes-0-attribution": "The cancer services home group",
            "quotes-0-order": "0",
        },
    )
    assert response.status_code == 302
    body = organiser_client.get(reverse("dashboard:impact", args=[small_event.slug])).content.decode()
    assert "Our week." in body and "Thank you for this week." in body
    listing = organiser_client.get(reverse("admin:dashboard_impactnarrative_changelist")).content.decode()
    assert "Open the report" in listing


def test_the_previous_edition_cannot_be_the_event_itself(small_event):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactNarrativeFactory(event=small_event, previous_edition=small_event)
