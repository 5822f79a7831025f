import json

import pytest
from django.urls import reverse

from applications.models import AllocationRun, Application, ApplicationStatus
from tests.applications.conftest import make_application
from tests.factories import HomeGroupFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(event, areas):
    return [
        HomeGroupFactory(event=event, service_area=areas[0], name="Cancer group", capacity=1),
        HomeGroupFactory(event=event, service_area=areas[1], name="Nursing group", capacity=2),
    ]


@pytest.fixture
def applied_for(event, areas, school, other_school, groups):
    """Ada and Di (Brookfield) and Bo (Oakwood, a priority school) want cancer then nursing; Cy only science."""
    type(other_school).objects.filter(pk=other_school.pk).update(gatsby_benchmark_5="below")
    return [
        make_application(event, school, areas, ranks=(0, 1), first_name="Ada"),
        make_application(event, other_school, areas, ranks=(0, 1), first_name="Bo"),
        make_application(event, school, areas, ranks=(2,), first_name="Cy"),
        make_application(event, school, areas, ranks=(0, 1), first_name="Di"),
    ]


def run_form(groups, **overrides):
    data = {"event_capacity": "250", "school_cap": "", "seed": "11"}
    data |= {f"group_{g.pk}": str(g.capacity) for g in groups}
    return data | overrides


def test_the_allocation_page_shows_parameters_and_groups(organiser_client, event, groups, applied_for):
    body = organiser_client.get(reverse("applications:allocation", args=[event.slug])).content.decode()
    assert "4 applications from verified schools take part" in body
    assert 'name="event_capacity" value="250"' in body
    assert f'name="group_{groups[0].pk}" value="1"' in body
    assert "Cancer group (Cancer services)" in body
    assert organiser_client.get(reverse("applications:allocation_current")).url == reverse(
        "applications:allocation", args=[event.slug]
    )


def test_preview_then_apply(
    organiser_client, event, groups, applied_for, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the default ImmediateBackend computes the run at once
        response = organiser_client.post(reverse("applications:allocation", args=[event.slug]), run_form(groups))
    run = AllocationRun.objects.get()
    assert response.url == reverse("applications:allocation_run", args=[run.pk])
    assert Application.objects.filter(status=ApplicationStatus.SUBMITTED).count() == 4
    body = organiser_client.get(response.url).content.decode()
    assert '<div class="figure-number" id="placed-count">3</div>admitted of 4' in body
    assert '<div class="figure-number">1</div>from priority schools' in body
    assert '<div class="figure-number">1 · 2 · 0</div>got their 1st · 2nd · 3rd choice' in body
    assert (
        '<th scope="row">Cy Testperson</th><td>Brookfield High</td><td>None of the areas chosen has a home group</td>'
        in body
    )
    assert (
        '<th scope="row">Oakwood Academy</th><td>Yes</td><td class="text-end">1</td><td class="text-end">1</td>' in body
    )
    assert (
        '<th scope="row">Brookfield High</th><td>No</td><td class="text-end">3</td><td class="text-end">2</td>' in body
    )
    chart = json.loads(body.split('id="allocation-chart-data" type="application/json">')[1].split("</script>")[0])
    assert chart == {
        "groups": {"labels": ["Cancer group", "Nursing group"], "placed": [1, 2], "capacity": [1, 2]},
        "choices": {"labels": ["1st choice", "2nd choice", "3rd choice", "Not placed"], "counts": [1, 2, 0, 1]},
    }
    assert "applications/allocation-chart.js" in body and "Apply this run" in body
    response = organiser_client.post(reverse("applications:allocation_run_apply", args=[run.pk]), follow=True)
    assert f"Run {run.pk} applied: 3 students accepted into home groups, 1 waitlisted." in response.content.decode()
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED, home_group__isnull=False).count() == 3
    assert "Apply this run" not in response.content.decode()
    again = organiser_client.post(reverse("applications:allocation_run_apply", args=[run.pk]), follow=True)
    assert "This run has been applied already." in again.content.decode()


def test_bad_parameters_show_on_the_form(organiser_client, event, groups):
    response = organiser_client.post(
        reverse("applications:allocation", args=[event.slug]),
        run_form(groups, event_capacity="300", **{f"group_{groups[0].pk}": "0"}),
    )
    body = response.content.decode()
    assert "Ensure this value is less than or equal to 250." in body
    assert "Ensure this value is greater than or equal to 1." in body
    assert not AllocationRun.objects.exists()


def test_the_run_downloads_as_json(organiser_client, event, groups, applied_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(reverse("applications:allocation", args=[event.slug]), run_form(groups))
    run = AllocationRun.objects.get()
    response = organiser_client.get(reverse("applications:allocation_run_download", args=[run.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="allocation-run-{run.pk}.json"'
    data = json.loads(response.content)
    assert data["parameters"]["seed"] == 11
    assert [s["id"] for s in data["instance"]["students"]] == [a.pk for a in applied_for]
    assert data["assignment"]["placed"] == 3


def test_publishing_decisions(organiser_client, event, applied_for, mailoutbox, django_capture_on_commit_callbacks):
    Application.objects.filter(first_name="Ada").update(status=ApplicationStatus.REJECTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(reverse("applications:decisions_publish", args=[event.slug]), follow=True)
    assert "Decisions published: 1 applications; each school has been e-mailed." in response.content.decode()
    assert [m.subject for m in mailoutbox] == [f"{event.name}: decisions for Brookfield High"]


@pytest.mark.parametrize("count", [10, 200])
def test_the_run_page_takes_the_same_queries_for_10_or_200(
    organiser_client, organiser, event, areas, groups, count, django_assert_num_queries
):
    from applications import services

    schools = [SchoolFactory() for _ in range(5)]
    for i in range(count):
        make_application(event, schools[i % 5], areas, ranks=(i % 3, (i + 1) % 3), first_name=f"S{i}")
    run = services.allocation_run_create(event=event, by=organiser)
    # session, user, roles, run, groups, schools, unplaced students
    with django_assert_num_queries(7):
        response = organiser_client.get(reverse("applications:allocation_run", args=[run.pk]))
    assert f"admitted of {count}" in response.content.decode()
    # session, user, roles, event, groups, candidates, accepted, runs
    with django_assert_num_queries(8):
        organiser_client.get(reverse("applications:allocation", args=[event.slug]))


@pytest.mark.parametrize("name", ["allocation", "decisions_publish"])
def test_organiser_pages_are_for_organisers(client, event, school_contact, presenter, name):
    url = reverse(f"applications:{name}", args=[event.slug])
    assert client.get(url).url == f"{reverse('login')}?next={url}"
    for user in (school_contact, presenter):
        client.force_login(user)
        assert client.post(url).status_code == 403
