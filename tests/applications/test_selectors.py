import pytest

from applications import selectors
from applications.models import ApplicationStatus
from tests.applications.conftest import make_application
from tests.factories import ApplicationFactory, GroupVisitFactory, HomeGroupFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(event, areas, school, other_school):
    """Brookfield (not priority): 2 accepted, 1 waitlisted; Oakwood (priority): 1 accepted, 1 submitted, 1 withdrawn;
    an unverified school: 1 submitted. Two groups: cancer (cap 2) and nursing (cap 5)."""
    School = type(school)
    School.objects.filter(pk=other_school.pk).update(gatsby_benchmark_6="below")
    unverified = SchoolFactory(name="Zebra Hill", unverified=True)
    cancer = HomeGroupFactory(event=event, service_area=areas[0], name="Cancer group", capacity=2)
    nursing = HomeGroupFactory(event=event, service_area=areas[1], name="Nursing group", capacity=5)
    accepted = ApplicationStatus.ACCEPTED
    make_application(event, school, areas, status=accepted, home_group=cancer)
    make_application(event, school, areas, status=accepted, home_group=nursing)
    make_application(event, school, areas, status=ApplicationStatus.WAITLISTED)
    make_application(event, other_school, areas, status=accepted, home_group=cancer)
    make_application(event, other_school, areas)
    make_application(event, other_school, areas, status=ApplicationStatus.WITHDRAWN)
    make_application(event, unverified, areas)
    ApplicationFactory(school=school, status=accepted)  # another event: never counted
    GroupVisitFactory(home_group=nursing, service_area=areas[0])
    return {"cancer": cancer, "nursing": nursing, "unverified": unverified}


def test_application_funnel(event, cohort, django_assert_num_queries):
    with django_assert_num_queries(2):
        funnel = selectors.application_funnel(event)
    assert (funnel["total"], funnel["priority"], funnel["schools"], funnel["priority_schools"]) == (7, 3, 3, 1)
    assert funnel["by_status"] == {"submitted": 2, "accepted": 3, "waitlisted": 1, "rejected": 0, "withdrawn": 1}
    rows = [(s.name, s.total, s.accepted, s.submitted, s.withdrawn) for s in funnel["per_school"]]
    assert rows == [("Brookfield High", 3, 2, 0, 0), ("Oakwood Academy", 3, 1, 1, 1), ("Zebra Hill", 1, 0, 1, 0)]


def test_home_group_fill_in_one_query(event, cohort, django_assert_num_queries):
    with django_assert_num_queries(1):
        fill = [(g.name, g.service_area.name, g.members_count, g.capacity) for g in selectors.home_group_fill(event)]
    assert fill == [("Cancer group", "Cancer services", 2, 2), ("Nursing group", "Nursing", 1, 5)]


def test_attending_figures(event, cohort, django_assert_num_queries):
    with django_assert_num_queries(3):
        figures = (
            selectors.attending_students(event),
            selectors.attending_schools(event),
            selectors.visiting_groups_count(event),
        )
    assert figures == (3, {"schools": 2, "priority_schools": 1}, 1)


def test_allocation_candidates_are_verified_schools_submitted_or_waitlisted(event, cohort):
    candidates = selectors.allocation_candidates(event)
    assert sorted((a.school.name, a.status) for a in candidates) == [
        ("Brookfield High", "waitlisted"),
        ("Oakwood Academy", "submitted"),
    ]


def test_a_school_reads_only_its_own_applications(event, cohort, school, other_school):
    assert {a.school_id for a in selectors.school_applications(school)} == {school.pk}
    assert selectors.school_applications(school).count() == 4  # including the other event's


def test_selectors_on_an_empty_event(event):
    assert selectors.application_funnel(event)["by_status"]["accepted"] == 0
    assert selectors.attending_schools(event) == {"schools": 0, "priority_schools": 0}
    assert list(selectors.home_group_fill(event)) == []
