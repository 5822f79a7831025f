import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from applications.models import Application, ApplicationStatus, School
from tests.applications.conftest import AFTER_WINDOW, make_application
from tests.factories import HomeGroupFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_window")]

SCHOOL = reverse("applications:school")
NEW = reverse("applications:application_new")


def form_data(areas, **overrides):
    return {
        "first_name": "Ada",
        "surname": "Applewhistle",
        "year_group": "10",
        "choice_1": str(areas[0].pk),
        "choice_2": str(areas[1].pk),
        "choice_3": "",
        "statement": "I want to see what radiographers do.",
        "needs": "Uses a wheelchair.",
        "guardian_name": "Jo Applewhistle",
        "consent_date": "2030-03-01",
        "photo_consent": "on",
    } | overrides


def token_of(response) -> str:
    return re.search(r'name="form_token" value="([0-9a-f]+)"', response.content.decode()).group(1)


# -- Sign-up, confirmation, registration ------------------------------------------------------------------------------


def test_signup_confirm_and_register(client, mailoutbox, django_capture_on_commit_callbacks):
    assert "Sign up as a school contact" in client.get(reverse("applications:signup")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:signup"),
            {
                "email": "casey@school.example.org",
                "password1": "a-long-passphrase-42",
                "password2": "a-long-passphrase-42",
            },
        )
    assert "We have sent a link to <strong>casey@school.example.org</strong>" in response.content.decode()
    user = get_user_model().objects.get(username="casey@school.example.org")
    assert not user.is_active
    signin = {"username": "casey@school.example.org", "password": "a-long-passphrase-42"}
    assert client.post(reverse("login"), signin).status_code == 200  # an unconfirmed account cannot sign in
    path = re.search(r"http://localhost:8000(/schools/confirm/\S+/)", mailoutbox[0].body).group(1)
    response = client.get(path, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Your e-mail address is confirmed" in response.content.decode()
    assert client.post(reverse("login"), signin).status_code == 302
    assert client.get(SCHOOL).url == reverse("applications:register_school")
    response = client.post(
        reverse("applications:register_school"),
        {
            "name": "Larkhill Academy",
            "urn": "104567",
            "local_authority": "Wirral",
            "postcode": "ch411aa",
            "contact_name": "Casey Careersby",
            "contact_email": "casey@school.example.org",
            "contact_phone": "",
            "gatsby_benchmark_5": "below",
            "gatsby_benchmark_6": "at",
        },
    )
    assert response.url == SCHOOL
    school = School.objects.get()
    assert (school.postcode, school.is_priority, list(school.contacts.all())) == ("CH41 1AA", True, [user])
    body = client.get(SCHOOL).content.decode()
    assert "Larkhill Academy" in body and "An organiser will verify your school soon" in body


def test_signup_form_errors(client, school_contact):
    response = client.post(
        reverse("applications:signup"),
        {"email": school_contact.email, "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"},
    )
    assert "An account already uses this address" in response.content.decode()
    response = client.post(
        reverse("applications:signup"), {"email": "new@school.example.org", "password1": "abc", "password2": "abd"}
    )
    assert "The two passwords differ." in response.content.decode()


def test_a_bad_confirmation_link_says_so(client):
    response = client.get(reverse("applications:confirm_email", kwargs={"token": "nonsense"}))
    assert response.status_code == 400
    assert "This confirmation link is not valid" in response.content.decode()


def test_register_shows_field_errors(client, school_contact, other_school):
    client.force_login(school_contact)
    response = client.post(
        reverse("applications:register_school"),
        {"name": "X", "urn": "12345", "postcode": "nowhere", "gatsby_benchmark_5": "below"},
    )
    body = response.content.decode()
    assert "A URN is the school&#x27;s 6-digit unique reference number" in body
    assert "Enter a UK postcode, e.g. L16 9JD." in body
    response = client.post(reverse("applications:register_school"), {"urn": "654321"})
    assert "A school with this URN is registered already" in response.content.decode()
    assert School.objects.count() == 1


# -- The school's applications ---------------------------------------------------------------------------------------


def test_the_list_shows_own_applications_without_needs_and_decisions_only_once_published(
    contact_client, event, areas, school, other_school
):
    group = HomeGroupFactory(event=event, service_area=areas[0], name="Cancer services home group")
    make_application(event, school, areas, first_name="Ada", needs="Secret need")
    make_application(event, school, areas, first_name="Bo", status=ApplicationStatus.ACCEPTED, home_group=group)
    make_application(event, other_school, areas, first_name="Zed")
    body = contact_client.get(SCHOOL).content.decode()
    assert "Ada Testperson" in body and "Bo Testperson" in body
    assert "Zed" not in body and "Secret need" not in body
    assert body.count(">Received<") == 2 and "Accepted" not in body
    Application.objects.filter(first_name="Bo").update(decision_published_at=event.applications_close_at)
    body = contact_client.get(SCHOOL).content.decode()
    assert '>Accepted</span> <span class="small">Cancer services home group</span>' in body
    assert "2 of 30 places your school may ask for." in body


@pytest.mark.parametrize("count", [10, 200])
def test_the_list_takes_the_same_queries_for_10_or_200(
    contact_client, event, areas, school, count, django_assert_num_queries
):
    for i in range(count):
        make_application(event, school, areas, first_name=f"S{i}")
    # session, user, roles, school, event, applications, their choices
    with django_assert_num_queries(7):
        response = contact_client.get(SCHOOL)
    assert response.content.decode().count("Testperson</th>") == count


def test_adding_an_application_once_even_if_sent_twice(
    contact_client, areas, school, mailoutbox, django_capture_on_commit_callbacks
):
    token = token_of(contact_client.get(NEW))
    with django_capture_on_commit_callbacks(execute=True):
        response = contact_client.post(NEW, form_data(areas, form_token=token))
    assert response.url == SCHOOL
    again = contact_client.post(NEW, form_data(areas, form_token=token))
    assert "This form was sent already." in again.content.decode()
    assert Application.objects.count() == 1 and len(mailoutbox) == 1
    other_token = token_of(again)
    duplicate = contact_client.post(NEW, form_data(areas, form_token=other_token))
    assert "Ada Applewhistle already has an application from your school for this event." in duplicate.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"choice_2": "AREA0"}, "Cancer services is already choice 1; choose each area once."),
        ({"choice_2": "", "choice_3": "AREA1"}, "Give a second choice before a third."),
        ({"year_group": "9"}, "This event is open to Year 10 only."),
        ({"statement": "x" * 1001}, "Ensure this value has at most 1000 characters (it has 1001)."),
        ({"consent_date": "2030-04-01"}, "The date of consent cannot be in the future."),
    ],
)
def test_bad_input_gets_a_message(contact_client, areas, overrides, message):
    overrides = {k: str(areas[int(v[-1])].pk) if v.startswith("AREA") else v for k, v in overrides.items()}
    token = token_of(contact_client.get(NEW))
    response = contact_client.post(NEW, form_data(areas, form_token=token) | overrides)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Application.objects.exists()


def test_a_closed_window_is_said_and_refused(contact_client, school_contact, areas, event, time_machine):
    time_machine.move_to(AFTER_WINDOW, tick=False)
    contact_client.force_login(school_contact)  # the earlier session has expired by then
    token = token_of(contact_client.get(NEW))
    body = contact_client.post(NEW, form_data(areas, form_token=token)).content.decode()
    assert f"Applications for {event.name} closed on 26 April 2030, 17:00." in body
    assert not Application.objects.exists()
    assert "Add a student" not in contact_client.get(SCHOOL).content.decode()


def test_editing_never_shows_the_needs_and_keeps_them(contact_client, event, areas, school):
    application = make_application(event, school, areas, needs="Secret need")
    url = reverse("applications:application_edit", args=[application.pk])
    body = contact_client.get(url).content.decode()
    assert "Secret need" not in body and 'value="Testperson"' in body
    response = contact_client.post(url, form_data(areas, needs="", first_name="Ada"))
    assert response.url == SCHOOL
    application.refresh_from_db()
    assert (application.first_name, application.needs) == ("Ada", "Secret need")
    contact_client.post(url, form_data(areas, needs="", remove_needs="on"))
    application.refresh_from_db()
    assert application.needs == ""


def test_withdrawing(contact_client, event, areas, school):
    application = make_application(event, school, areas)
    url = reverse("applications:application_withdraw", args=[application.pk])
    assert "Withdraw Student" in contact_client.get(url).content.decode()
    assert contact_client.post(url).url == SCHOOL
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


# -- Permissions ------------------------------------------------------------------------------------------------------


def test_another_schools_application_is_a_404(contact_client, event, areas, other_school):
    theirs = make_application(event, other_school, areas, first_name="Zed")
    for name in ("application_edit", "application_withdraw"):
        url = reverse(f"applications:{name}", args=[theirs.pk])
        assert contact_client.get(url).status_code == 404
        assert contact_client.post(url, form_data(areas)).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.first_name, theirs.status) == ("Zed", ApplicationStatus.SUBMITTED)


@pytest.mark.parametrize("name", ["school", "application_new", "application_upload", "register_school"])
def test_anonymous_users_go_to_sign_in_and_other_roles_get_403(client, presenter, organiser, name):
    url = reverse(f"applications:{name}")
    assert client.get(url).url == f"{reverse('login')}?next={url}"
    for user in (presenter, organiser):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403
        assert "This page is for school contacts only." in response.content.decode()
