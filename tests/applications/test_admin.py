import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from applications.admin import ApplicationResource
from applications.models import Application, ApplicationStatus, School
from tests.applications.conftest import make_application
from tests.factories import GroupVisitFactory, HomeGroupFactory, SchoolFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:applications_application_changelist")


@pytest.fixture
def apps(event, areas, school, other_school):
    School.objects.filter(pk=other_school.pk).update(gatsby_benchmark_6="below")
    return [
        make_application(event, school, areas, ranks=(0, 1), first_name="Ada", needs="Hearing aid"),
        make_application(event, other_school, areas, ranks=(1, 0), first_name="Bo"),
        make_application(event, school, areas, ranks=(2,), first_name="Cy", status=ApplicationStatus.WITHDRAWN),
    ]


def names(response) -> list[str]:
    return sorted(str(a) for a in response.context["cl"].result_list)


def test_the_changelist_filters_and_searches(organiser_client, apps, areas, school):
    assert names(organiser_client.get(CHANGELIST)) == ["Ada Testperson", "Bo Testperson", "Cy Testperson"]
    assert names(organiser_client.get(CHANGELIST, {"priority": "yes"})) == ["Bo Testperson"]
    assert names(organiser_client.get(CHANGELIST, {"priority": "no"})) == ["Ada Testperson", "Cy Testperson"]
    assert names(organiser_client.get(CHANGELIST, {"first_choice": areas[1].pk})) == ["Bo Testperson"]
    assert names(organiser_client.get(CHANGELIST, {"status": "withdrawn"})) == ["Cy Testperson"]
    assert names(organiser_client.get(CHANGELIST, {"school__id__exact": school.pk})) == [
        "Ada Testperson",
        "Cy Testperson",
    ]
    assert names(organiser_client.get(CHANGELIST, {"q": "Oakwood"})) == ["Bo Testperson"]


def test_the_changelist_query_count_holds(organiser_client, event, areas, school, django_assert_max_num_queries):
    for i in range(30):
        make_application(event, school, areas, first_name=f"S{i}")
    with django_assert_max_num_queries(20):
        assert organiser_client.get(CHANGELIST).status_code == 200


def act(client, action, applications):
    return client.post(
        CHANGELIST,
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [a.pk for a in applications]},
        follow=True,
    )


def test_accept_waitlist_and_reject_actions_keep_history(organiser_client, organiser, apps, event):
    body = act(organiser_client, "accept", apps).content.decode()
    assert "2 applications accepted." in body
    assert dict(Application.objects.values_list("first_name", "status")) == {
        "Ada": "accepted",
        "Bo": "accepted",
        "Cy": "withdrawn",
    }
    assert "1 application waitlisted." in act(organiser_client, "waitlist", apps[:1]).content.decode()
    act(organiser_client, "reject", apps[1:2])
    assert dict(Application.objects.values_list("first_name", "status"))["Bo"] == "rejected"
    history = [h.status for h in apps[0].history.order_by("history_date")]
    assert history == ["submitted", "accepted", "waitlisted"]
    assert apps[0].history.latest().history_user == organiser
    response = organiser_client.get(reverse("admin:applications_application_history", args=[apps[0].pk]))
    assert response.status_code == 200 and "olivia.organiser" in response.content.decode()


def test_accepting_past_capacity_is_refused_with_a_message(organiser_client, apps, event):
    event.capacity = 1
    event.save()
    body = act(organiser_client, "accept", apps[:2]).content.decode()
    assert "has 1 places and 0 are taken, so 2 more cannot be accepted." in body
    assert not Application.objects.filter(status=ApplicationStatus.ACCEPTED).exists()


def test_publish_action(organiser_client, apps, mailoutbox, django_capture_on_commit_callbacks):
    Application.objects.filter(first_name="Ada").update(status=ApplicationStatus.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        body = act(organiser_client, "publish_decisions", apps).content.decode()
    assert "1 decision published." in body
    assert len(mailoutbox) == 1


def test_export_includes_choices_and_needs_for_organisers(apps):
    dataset = ApplicationResource().export(
        Application.objects.filter(first_name__in=["Ada", "Bo"]).order_by("first_name")
    )
    rows = dataset.dict
    assert dataset.headers[:6] == ["id", "event", "school", "urn", "priority_school", "first_name"]
    assert (rows[0]["first_name"], rows[0]["choice_1"], rows[0]["choice_2"], rows[0]["choice_3"]) == (
        "Ada",
        "Cancer services",
        "Nursing",
        "",
    )
    assert (rows[0]["needs"], rows[0]["priority_school"], rows[1]["priority_school"]) == ("Hearing aid", "no", "yes")


def test_the_export_page_offers_csv_and_xlsx(organiser_client, apps):
    body = organiser_client.get(reverse("admin:applications_application_export")).content.decode()
    assert ">csv<" in body and ">xlsx<" in body


def test_schools_verify_action_and_filters(organiser_client, organiser):
    waiting = SchoolFactory(name="Waiting School", unverified=True, gatsby_benchmark_5="below")
    SchoolFactory(name="Done School")
    url = reverse("admin:applications_school_changelist")
    assert names(organiser_client.get(url, {"verified": "no"})) == [f"Waiting School ({waiting.urn})"]
    assert names(organiser_client.get(url, {"priority": "yes"})) == [f"Waiting School ({waiting.urn})"]
    body = organiser_client.post(
        url, {"action": "verify", helpers.ACTION_CHECKBOX_NAME: [waiting.pk]}, follow=True
    ).content.decode()
    assert "1 school verified." in body
    waiting.refresh_from_db()
    assert waiting.verified_by == organiser


def test_home_groups_show_members_and_visits_inline(organiser_client, event, areas, school):
    group = HomeGroupFactory(event=event, service_area=areas[1], name="Nursing group")
    make_application(event, school, areas, status=ApplicationStatus.ACCEPTED, home_group=group)
    GroupVisitFactory(home_group=group, service_area=areas[0])
    response = organiser_client.get(reverse("admin:applications_homegroup_changelist"))
    assert [(g.name, g.members_count) for g in response.context["cl"].result_list] == [("Nursing group", 1)]
    body = organiser_client.get(reverse("admin:applications_homegroup_change", args=[group.pk])).content.decode()
    assert "visits to other areas" in body.lower()


def test_schools_and_presenters_cannot_use_the_admin(client, school_contact):
    client.force_login(school_contact)
    assert client.get(CHANGELIST).status_code == 302
