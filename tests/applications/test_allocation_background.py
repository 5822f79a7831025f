"""Allocation runs in the background: queued by the organiser's page, computed by a task (queued -> running ->
ready, or failed with a message), shown as working meanwhile, and never applied before they are ready."""

import pytest
from django.tasks import task_backends
from django.urls import reverse

from applications import services, tasks
from applications.models import AllocationRun, AllocationRunState, Application, ApplicationStatus
from tests.applications.conftest import make_application
from tests.factories import HomeGroupFactory

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def cohort(event, areas, school):
    """One cancer seat and two nursing seats; Ada and Bo want cancer then nursing, Cy only science."""
    groups = [
        HomeGroupFactory(event=event, service_area=areas[0], name="Cancer group", capacity=1),
        HomeGroupFactory(event=event, service_area=areas[1], name="Nursing group", capacity=2),
    ]
    for name, ranks in (("Ada", (0, 1)), ("Bo", (0, 1)), ("Cy", (2,))):
        make_application(event, school, areas, ranks=ranks, first_name=name)
    return groups


@pytest.fixture
def dummy_backend(settings):
    """Tasks are recorded, never run: a run stays queued, as it does until a worker picks it up."""
    settings.TASKS = DUMMY
    return task_backends["default"]


def queue(event, by, on_commit, **params):
    with on_commit(execute=True):
        return services.allocation_run_queue(event=event, by=by, seed=5, **params)


def test_a_queued_run_is_enqueued_after_commit_and_computed_by_the_task(
    event, cohort, organiser, dummy_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run = services.allocation_run_queue(event=event, by=organiser, seed=5)
    assert (run.state, run.instance, run.results, dummy_backend.results) == ("queued", {}, {}, [])
    assert run.parameters["seed"] == 5 and run.parameters["event_capacity"] == 250
    callbacks[0]()
    [enqueued] = dummy_backend.results
    assert (enqueued.task.name, enqueued.kwargs) == ("allocation_run_compute", {"run_id": run.pk})

    assert tasks.allocation_run_compute.call(run_id=run.pk) == "ready"
    run.refresh_from_db()
    same = services.allocation_run_create(event=event, by=organiser, seed=5)
    assert (run.state, run.error, run.instance, run.results) == ("ready", "", same.instance, same.results)
    assert run.results["placed"] == 2


def test_a_run_is_computed_once_even_if_the_task_comes_twice(
    event, cohort, organiser, dummy_backend, django_capture_on_commit_callbacks, django_assert_num_queries
):
    run = queue(event, organiser, django_capture_on_commit_callbacks)
    services.allocation_run_compute(run_id=run.pk)
    with django_assert_num_queries(2):  # the claim that finds nothing queued, then the run
        again = services.allocation_run_compute(run_id=run.pk)
    assert again.state == "ready" and again.results["placed"] == 2


def test_a_run_fails_with_the_reason_when_its_parameters_no_longer_fit(
    event, cohort, organiser, dummy_backend, django_capture_on_commit_callbacks
):
    run = queue(event, organiser, django_capture_on_commit_callbacks)
    event.capacity = 2
    event.save()
    assert services.allocation_run_compute(run_id=run.pk).state == "failed"
    run.refresh_from_db()
    assert run.error == ("Give between 0 and 2 (the event's capacity, set in the admin). Run the allocation again.")
    assert (run.instance, run.results) == ({}, {})


def test_an_unexpected_error_fails_the_run_and_reaches_the_worker(
    event, cohort, organiser, dummy_backend, django_capture_on_commit_callbacks, monkeypatch
):
    run = queue(event, organiser, django_capture_on_commit_callbacks)

    def broken(instance):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr("applications.services.allocation.allocate", broken)
    with pytest.raises(RuntimeError, match="solver crashed"):
        services.allocation_run_compute(run_id=run.pk)
    run.refresh_from_db()
    assert (run.state, run.error) == ("failed", services.allocation.UNEXPECTED_FAILURE)


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (AllocationRunState.QUEUED, "This run is still being worked out. Apply it once its preview shows."),
        (AllocationRunState.RUNNING, "This run is still being worked out. Apply it once its preview shows."),
        (AllocationRunState.FAILED, "This run failed, so there is nothing to apply. Run the allocation again."),
    ],
)
def test_a_run_that_is_not_ready_cannot_be_applied(
    event, cohort, organiser, organiser_client, dummy_backend, django_capture_on_commit_callbacks, state, message
):
    run = queue(event, organiser, django_capture_on_commit_callbacks)
    AllocationRun.objects.filter(pk=run.pk).update(state=state)
    with pytest.raises(services.AllocationError, match=message):
        services.allocation_run_apply(run=run, by=organiser)
    response = organiser_client.post(reverse("applications:allocation_run_apply", args=[run.pk]), follow=True)
    assert message in response.content.decode()
    assert not Application.objects.filter(status=ApplicationStatus.ACCEPTED).exists()
    run.refresh_from_db()
    assert run.applied_at is None


def test_with_a_worker_backend_the_page_shows_the_run_working(
    organiser_client, event, cohort, dummy_backend, django_capture_on_commit_callbacks, django_assert_num_queries
):
    data = {"event_capacity": "250", "school_cap": "", "seed": "5"} | {f"group_{g.pk}": str(g.capacity) for g in cohort}
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(reverse("applications:allocation", args=[event.slug]), data)
    run = AllocationRun.objects.get()
    assert response.url == reverse("applications:allocation_run", args=[run.pk])
    assert run.state == "queued" and len(dummy_backend.results) == 1
    # session, user, roles, run: nothing else is read while the run works
    with django_assert_num_queries(4):
        body = organiser_client.get(response.url).content.decode()
    assert "<strong>Working on it…</strong> The allocation runs in the background (queued)." in body
    assert f'data-status-url="{reverse("applications:allocation_run_status", args=[run.pk])}"' in body
    assert f'<a class="btn btn-outline-primary btn-sm" href="{response.url}">Refresh</a>' in body
    assert "applications/allocation-run-status.js" in body
    assert "Apply this run" not in body and "allocation-chart" not in body
    listing = organiser_client.get(reverse("applications:allocation", args=[event.slug])).content.decode()
    assert "queued, seed 5" in listing

    services.allocation_run_compute(run_id=run.pk)
    body = organiser_client.get(response.url).content.decode()
    assert "Working on it" not in body and "Apply this run" in body and "allocation-run-status.js" not in body
    assert '<div class="figure-number" id="placed-count">2</div>admitted of 3' in body


def test_with_the_immediate_backend_the_run_is_ready_at_once(
    organiser_client, event, cohort, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    data = {"event_capacity": "250", "school_cap": "", "seed": "5"} | {f"group_{g.pk}": str(g.capacity) for g in cohort}
    with django_capture_on_commit_callbacks(execute=True):  # in a request, the view's commit runs the task
        response = organiser_client.post(reverse("applications:allocation", args=[event.slug]), data)
    assert AllocationRun.objects.get().state == "ready"
    body = organiser_client.get(response.url).content.decode()
    assert '<div class="figure-number" id="placed-count">2</div>admitted of 3' in body and "Working on it" not in body


def test_a_failed_run_shows_why(
    organiser_client, event, cohort, organiser, dummy_backend, django_capture_on_commit_callbacks
):
    run = queue(event, organiser, django_capture_on_commit_callbacks)
    AllocationRun.objects.filter(pk=run.pk).update(state="failed", error="Groups [9] are not home groups of <b>x</b>.")
    body = organiser_client.get(reverse("applications:allocation_run", args=[run.pk])).content.decode()
    assert "<strong>This run failed.</strong> Groups [9] are not home groups of &lt;b&gt;x&lt;/b&gt;." in body
    assert "Apply this run" not in body and "allocation-run-status.js" not in body


def test_the_status_endpoint(
    organiser_client, event, cohort, organiser, dummy_backend, django_capture_on_commit_callbacks
):
    run = queue(event, organiser, django_capture_on_commit_callbacks)
    url = reverse("applications:allocation_run_status", args=[run.pk])
    assert organiser_client.get(url).json() == {"state": "queued", "working": True, "error": ""}
    AllocationRun.objects.filter(pk=run.pk).update(state="running")
    assert organiser_client.get(url).json() == {"state": "running", "working": True, "error": ""}
    AllocationRun.objects.filter(pk=run.pk).update(state="queued")
    services.allocation_run_compute(run_id=run.pk)
    assert organiser_client.get(url).json() == {"state": "ready", "working": False, "error": ""}
    assert organiser_client.get(reverse("applications:allocation_run_status", args=[run.pk + 1])).status_code == 404
    assert organiser_client.post(url).status_code == 405


def test_the_status_endpoint_is_for_organisers(client, event, cohort, organiser, school_contact, presenter):
    run = services.allocation_run_create(event=event, by=organiser)
    url = reverse("applications:allocation_run_status", args=[run.pk])
    assert client.get(url).url == f"{reverse('login')}?next={url}"
    for user in (school_contact, presenter):
        client.force_login(user)
        assert client.get(url).status_code == 403
