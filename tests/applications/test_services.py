import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from applications import services
from applications.models import Application, ApplicationStatus, School
from applications.services import ApplicationData
from eventsite.roles import SCHOOL_CONTACTS
from tests.applications.conftest import AFTER_WINDOW, make_application
from tests.factories import ApplicationFactory, HomeGroupFactory, SchoolFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_window")]


def data(areas, **overrides) -> ApplicationData:
    values = {
        "first_name": "Ada",
        "surname": "Applewhistle",
        "year_group": 10,
        "choices": tuple(areas[:2]),
        "statement": "I want to see what radiographers do.",
        "needs": "Uses a wheelchair.",
        "guardian_name": "Jo Applewhistle",
        "consent_date": datetime.date(2030, 3, 1),
        "photo_consent": True,
    }
    return ApplicationData(**(values | overrides))


def errors_of(exc: ValidationError) -> dict:
    return exc.message_dict


# -- Sign-up and schools ----------------------------------------------------------------------------------------------


def test_signup_makes_an_inactive_contact_and_mails_a_link(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.school_contact_signup(email=" Casey@School.Example.org ", password="a-long-passphrase-42")
    assert (user.username, user.email, user.is_active) == (
        "casey@school.example.org",
        "casey@school.example.org",
        False,
    )
    assert list(user.groups.values_list("name", flat=True)) == [SCHOOL_CONTACTS]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["casey@school.example.org"]
    assert mail.subject == "Confirm your e-mail address for Work Experience Week"
    token = services.confirmation_token(user)
    assert f"http://localhost:8000/schools/confirm/{token}/" in mail.body


def test_confirming_activates_once():
    user = services.school_contact_signup(email="casey@school.example.org", password="a-long-passphrase-42")
    services.school_contact_confirm(token=services.confirmation_token(user))
    user.refresh_from_db()
    assert user.is_active
    with pytest.raises(ValidationError, match="already confirmed"):
        services.school_contact_confirm(token=services.confirmation_token(user))


def test_confirmation_links_expire_after_three_days(time_machine):
    user = services.school_contact_signup(email="casey@school.example.org", password="a-long-passphrase-42")
    token = services.confirmation_token(user)
    time_machine.shift(datetime.timedelta(days=3, seconds=1))
    with pytest.raises(ValidationError, match="expired"):
        services.school_contact_confirm(token=token)
    with pytest.raises(ValidationError, match="not valid"):
        services.school_contact_confirm(token=token[:-2] + "xx")
    user.refresh_from_db()
    assert not user.is_active


def test_signing_up_again_before_confirming_sends_a_new_link_but_an_active_account_is_refused(school_contact):
    first = services.school_contact_signup(email="casey@school.example.org", password="a-long-passphrase-42")
    again = services.school_contact_signup(email="casey@school.example.org", password="another-passphrase-43")
    assert again.pk == first.pk and again.check_password("another-passphrase-43")
    assert get_user_model().objects.filter(email="casey@school.example.org").count() == 1
    with pytest.raises(ValidationError) as exc:
        services.school_contact_signup(email=school_contact.email, password="a-long-passphrase-42")
    assert errors_of(exc.value) == {"email": ["An account already uses this address. Sign in, or reset your password."]}


SCHOOL_DATA = {
    "name": "Larkhill Academy",
    "urn": "104567",
    "local_authority": "Wirral",
    "postcode": "CH41 1AA",
    "contact_name": "Casey Careersby",
    "contact_email": "casey@school.example.org",
    "gatsby_benchmark_5": "below",
    "gatsby_benchmark_6": "at",
}


def test_registering_a_school_needs_a_confirmed_account():
    user = services.school_contact_signup(email="casey@school.example.org", password="a-long-passphrase-42")
    with pytest.raises(ValidationError, match="Confirm your e-mail address"):
        services.school_register(user=user, data=SCHOOL_DATA)
    user.is_active = True
    school = services.school_register(user=user, data=SCHOOL_DATA)
    assert (school.urn, school.is_priority, school.is_verified) == ("104567", True, False)
    assert list(school.contacts.all()) == [user]
    with pytest.raises(ValidationError, match="already belongs to a school"):
        services.school_register(user=user, data=SCHOOL_DATA | {"urn": "104568"})


def test_an_invalid_urn_is_refused(school_contact):
    with pytest.raises(ValidationError) as exc:
        services.school_register(user=school_contact, data=SCHOOL_DATA | {"urn": "12345"})
    assert errors_of(exc.value) == {"urn": ["A URN is the school's 6-digit unique reference number, e.g. 104567."]}
    assert not School.objects.exists()


def test_verifying_stamps_who_and_when(organiser):
    SchoolFactory.create_batch(2, unverified=True)
    SchoolFactory()
    assert services.schools_verify(schools=School.objects.all(), by=organiser) == 2
    assert School.objects.filter(verified_by=organiser).count() == 2
    assert School.history.filter(history_user=organiser, history_type="~").count() == 2


# -- Applications -----------------------------------------------------------------------------------------------------


def test_create_saves_the_application_with_ranked_choices_and_mails_a_receipt(
    event, areas, school, school_contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_create(event=event, school=school, data=data(areas), by=school_contact)
    assert [(c.rank, c.service_area.name) for c in application.choices.all()] == [
        (1, "Cancer services"),
        (2, "Nursing"),
    ]
    assert (application.status, application.needs) == (ApplicationStatus.SUBMITTED, "Uses a wheelchair.")
    assert application.history.get().history_user == school_contact
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["careers@brookfield.example.org"]
    assert mailoutbox[0].subject == f"{event.name}: 1 application received"
    assert "- Ada Applewhistle" in mailoutbox[0].body
    assert "Uses a wheelchair" not in mailoutbox[0].body


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"year_group": 9}, {"year_group": ["Year 9 cannot apply to this event; it is open to Year 10."]}),
        ({"choices": ()}, {"choice_1": ["Choose at least one service area."]}),
    ],
)
def test_create_refuses_bad_fields(event, areas, school, overrides, expected):
    with pytest.raises(ValidationError) as exc:
        services.application_create(event=event, school=school, data=data(areas, **overrides))
    assert errors_of(exc.value) == expected
    assert not Application.objects.exists()


def test_a_repeated_area_is_refused_on_its_field(event, areas, school):
    with pytest.raises(ValidationError) as exc:
        services.application_create(
            event=event, school=school, data=data(areas, choices=(areas[0], areas[1], areas[0]))
        )
    assert errors_of(exc.value) == {"choice_3": ["Cancer services is already choice 1; choose each area once."]}


def test_a_duplicate_student_is_refused_whatever_the_case_but_a_withdrawn_one_may_return(event, areas, school):
    services.application_create(event=event, school=school, data=data(areas))
    with pytest.raises(ValidationError) as exc:
        services.application_create(
            event=event, school=school, data=data(areas, first_name="ADA", surname="applewhistle")
        )
    assert errors_of(exc.value) == {
        "first_name": ["ADA applewhistle already has an application from your school for this event."]
    }
    Application.objects.update(status=ApplicationStatus.WITHDRAWN)
    services.application_create(event=event, school=school, data=data(areas))
    assert Application.objects.count() == 2


def test_the_same_name_at_another_school_is_fine(event, areas, school, other_school):
    services.application_create(event=event, school=school, data=data(areas))
    services.application_create(event=event, school=other_school, data=data(areas))
    assert Application.objects.count() == 2


def test_the_database_catches_a_duplicate_the_checks_missed(event, areas, school, monkeypatch):
    services.application_create(event=event, school=school, data=data(areas))
    monkeypatch.setattr(services.applications, "application_errors", lambda **kwargs: {})
    with pytest.raises(ValidationError) as exc:
        services.application_create(event=event, school=school, data=data(areas))
    assert errors_of(exc.value) == {
        "first_name": ["Ada Applewhistle already has an application from your school for this event."]
    }
    assert Application.objects.count() == 1


def test_the_school_limit_counts_all_but_withdrawn(event, areas, school):
    school.application_limit = 2
    school.save()
    make_application(event, school, areas)
    make_application(event, school, areas, status=ApplicationStatus.WITHDRAWN)
    services.application_create(event=event, school=school, data=data(areas))
    with pytest.raises(ValidationError) as exc:
        services.application_create(event=event, school=school, data=data(areas, first_name="Bo"))
    assert errors_of(exc.value) == {
        NON_FIELD_ERRORS: [
            "Your school may put forward 2 students for this event and has 2 already, so 0 more can be added."
        ]
    }


def test_nothing_is_accepted_outside_the_window(event, areas, school, time_machine):
    application = make_application(event, school, areas)
    time_machine.move_to(AFTER_WINDOW, tick=False)
    expected = f"Applications for {event.name} closed on 26 April 2030, 17:00."
    with pytest.raises(ValidationError) as exc:
        services.application_create(event=event, school=school, data=data(areas))
    assert errors_of(exc.value) == {NON_FIELD_ERRORS: [expected]}
    with pytest.raises(ValidationError, match="closed on"):
        services.application_update(application=application, data=data(areas))
    with pytest.raises(ValidationError, match="closed on"):
        services.application_withdraw(application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_update_changes_fields_and_choices_and_can_keep_the_unseen_needs(event, areas, school):
    application = services.application_create(event=event, school=school, data=data(areas))
    services.application_update(
        application=application, data=data(areas, surname="Brambleby", choices=(areas[2],), needs=""), keep_needs=True
    )
    application.refresh_from_db()
    assert (application.surname, application.needs) == ("Brambleby", "Uses a wheelchair.")
    assert [c.service_area.name for c in application.choices.all()] == ["Healthcare science"]
    services.application_update(application=application, data=data(areas, needs=""))
    application.refresh_from_db()
    assert application.needs == ""
    assert application.history.count() == 3


def test_withdrawing_frees_the_place(event, areas, school):
    group = HomeGroupFactory(event=event, service_area=areas[0])
    application = make_application(event, school, areas, status=ApplicationStatus.ACCEPTED, home_group=group)
    services.application_withdraw(application=application)
    application.refresh_from_db()
    assert (application.status, application.home_group) == (ApplicationStatus.WITHDRAWN, None)
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.application_withdraw(application=application)


def test_import_saves_every_row_or_none(event, areas, school, mailoutbox, django_capture_on_commit_callbacks):
    rows = [data(areas), data(areas, first_name="Bo"), data(areas, first_name="bo", year_group=11)]
    with pytest.raises(services.ImportRowsError) as exc:
        services.applications_import(event=event, school=school, rows=rows)
    assert exc.value.row_errors == {
        2: {
            "year_group": ["Year 11 cannot apply to this event; it is open to Year 10."],
            "first_name": ["bo Applewhistle is also on row 3 of this file."],
        }
    }
    assert not Application.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        created = services.applications_import(event=event, school=school, rows=rows[:2])
    assert [str(a) for a in created] == ["Ada Applewhistle", "Bo Applewhistle"]
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == f"{event.name}: 2 applications received"


def test_import_checks_the_limit_for_the_whole_file(event, areas, school):
    school.application_limit = 1
    school.save()
    with pytest.raises(services.ImportRowsError) as exc:
        services.applications_import(event=event, school=school, rows=[data(areas), data(areas, first_name="Bo")])
    assert exc.value.general == [
        "Your school may put forward 1 student for this event and has 0 already, so 1 more can be added."
    ]


# -- Organisers' decisions --------------------------------------------------------------------------------------------


def test_accepting_never_passes_the_event_or_group_capacity(event, areas, school, organiser):
    event.capacity = 3
    event.save()
    group = HomeGroupFactory(event=event, service_area=areas[0], capacity=2)
    apps = [make_application(event, school, areas, first_name=f"S{i}") for i in range(4)]
    with pytest.raises(services.CapacityError, match=r"Home group \d+ has 2 places and 0 are taken, so 3 more"):
        services.applications_accept(
            event=event, application_ids=[a.pk for a in apps[:3]], by=organiser, home_group=group
        )
    assert (
        services.applications_accept(
            event=event, application_ids=[apps[0].pk, apps[1].pk], by=organiser, home_group=group
        )
        == 2
    )
    assert services.applications_accept(event=event, application_ids=[apps[2].pk], by=organiser) == 1
    with pytest.raises(services.CapacityError, match="has 3 places and 3 are taken, so 1 more cannot be accepted"):
        services.applications_accept(event=event, application_ids=[apps[3].pk], by=organiser)
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 3
    assert apps[0].history.latest().history_user == organiser


def test_waitlisting_and_rejecting_leave_the_group_but_not_withdrawn(event, areas, school, organiser):
    group = HomeGroupFactory(event=event, service_area=areas[0])
    accepted = make_application(event, school, areas, status=ApplicationStatus.ACCEPTED, home_group=group)
    withdrawn = make_application(event, school, areas, status=ApplicationStatus.WITHDRAWN)
    count = services.applications_set_status(
        applications=Application.objects.all(), status=ApplicationStatus.WAITLISTED, by=organiser
    )
    assert count == 1
    accepted.refresh_from_db(), withdrawn.refresh_from_db()
    assert (accepted.status, accepted.home_group, withdrawn.status) == ("waitlisted", None, "withdrawn")
    with pytest.raises(ValueError, match="use applications_accept"):
        services.applications_set_status(applications=Application.objects.all(), status="accepted", by=organiser)


def test_publishing_decisions_mails_each_school_its_students(
    event, areas, school, other_school, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    group = HomeGroupFactory(event=event, service_area=areas[0], name="Cancer services home group")
    make_application(event, school, areas, first_name="Ada", status=ApplicationStatus.ACCEPTED, home_group=group)
    make_application(event, school, areas, first_name="Bo", status=ApplicationStatus.WAITLISTED)
    make_application(event, school, areas, first_name="Cy", status=ApplicationStatus.SUBMITTED)
    make_application(event, other_school, areas, first_name="Di", status=ApplicationStatus.REJECTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_publish(event=event, by=organiser) == 3
    assert Application.objects.filter(decision_published_at__isnull=False).count() == 3
    bodies = {tuple(mail.to): mail.body for mail in mailoutbox}
    assert len(mailoutbox) == 2
    mine = bodies[("careers@brookfield.example.org",)]
    assert "- Ada Testperson: place offered, Cancer services home group" in mine
    assert "- Bo Testperson: on the waiting list" in mine
    assert "Cy" not in mine and "Di" not in mine
    assert "- Di Testperson: not offered a place" in bodies[(other_school.contact_email,)]


def test_publishing_without_notice_sends_nothing(
    event, areas, school, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    make_application(event, school, areas, status=ApplicationStatus.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_publish(event=event, by=organiser, notify=False) == 1
    assert mailoutbox == []


def test_unused_application_factory_is_scoped(event, school):
    # An application of another event never counts against this event's limit.
    ApplicationFactory(school=school)
    assert services.applications.limit_error(event=event, school=school, adding=30) is None
