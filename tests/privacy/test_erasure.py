"""Erasure on request: one student's or contact's personal data in every app, organisers only, with the reason."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from applications.models import Application, School
from eventsite.models import PrivacyAction, PrivacyRecord
from feedback.models import Answer, Response
from tests.privacy.conftest import NEEDS

pytestmark = pytest.mark.django_db

REASON = "Parent's request through the school, e-mail of 3 October"


def erase(*args):
    out = StringIO()
    call_command("erase_subject", *args, stdout=out)
    return out.getvalue()


def test_erasing_a_student_by_command(world, organiser):
    app = world.application
    out = erase("--application", str(app.pk), "--by", "olivia.organiser", "--reason", REASON)

    app.refresh_from_db()
    assert (app.first_name, app.surname, app.statement, app.needs, app.guardian_name, app.consent_date) == (
        "Student",
        str(app.pk),
        "",
        "",
        "",
        datetime.date(1970, 1, 1),
    )
    assert (app.status, app.home_group) == ("accepted", world.group)
    assert Application.objects.get(pk=world.other.pk).first_name == "Ben"  # only the subject
    assert not app.history.exclude(first_name="Student").exists()
    assert not app.history.filter(needs=NEEDS).exists()
    latest = app.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (organiser, "Personal data erased on request")
    assert sorted(Response.objects.values_list("respondent_name", flat=True)) == ["", ""]
    assert not Answer.objects.exclude(text="").exists()

    record = PrivacyRecord.objects.get()
    assert (record.action, record.subject_kind, record.subject_id, record.actor, record.reason, record.event) == (
        PrivacyAction.ERASE,
        "application",
        app.pk,
        organiser,
        REASON,
        world.event,
    )
    assert record.counts == {
        "feedback": {"respondent_names": 1, "free_text_answers": 1},
        "applications": {"applications": 1, "application_history": 2},
    }
    assert out == (
        f"Erased application {app.pk} (privacy record {record.pk}). feedback: respondent names 1, "
        "feedback: free text answers 1, applications: applications 1, applications: application history 2\n"
    )


def test_a_reason_is_required(world, organiser):
    with pytest.raises(CommandError, match="Give the reason for the erasure"):
        erase("--application", str(world.application.pk), "--by", "olivia.organiser", "--reason", "  ")
    assert Application.objects.get(pk=world.application.pk).first_name == "Amy"
    assert not PrivacyRecord.objects.exists()


def test_only_organisers_may_erase(world, presenter):
    with pytest.raises(CommandError, match=r"^Only an organiser may export or erase personal data\.$"):
        erase("--application", str(world.application.pk), "--by", presenter.username, "--reason", REASON)
    assert Application.objects.get(pk=world.application.pk).needs == NEEDS


def test_erasing_a_school_contact(world, organiser):
    contact = world.contact
    erase("--user", str(contact.pk), "--by", "olivia.organiser", "--reason", REASON)
    contact.refresh_from_db()
    assert (contact.username, contact.email, contact.first_name, contact.is_active) == (
        f"erased-user-{contact.pk}",
        "",
        "",
        False,
    )
    school = School.objects.get(pk=world.school.pk)
    assert (school.contact_name, school.contact_email, school.contact_phone) == ("", "", "")
    assert not school.contacts.exists()
    assert not School.history.filter(contact_email="casey@brookfield.example.org").exists()
    assert Application.objects.get(pk=world.application.pk).first_name == "Amy"  # the school's record stays
    assert PrivacyRecord.objects.get().counts == {
        "applications": {"school_contacts": 1, "school_history": 1, "school_links": 1},
        "eventsite": {"accounts": 1},
    }


def test_accounts_that_run_the_event_are_refused(world, organiser, presenter):
    with pytest.raises(CommandError, match="This account runs the event"):
        erase("--user", str(presenter.pk), "--by", "olivia.organiser", "--reason", REASON)
    presenter.refresh_from_db()
    assert presenter.username == "pat.presenter" and presenter.is_active


def test_the_admin_action_asks_for_confirmation_and_a_reason(world, organiser, organiser_client):
    url = "/admin/applications/application/"
    chosen = {"action": "erase_personal_data", "_selected_action": [world.application.pk]}
    page = organiser_client.post(url, chosen)
    body = page.content.decode()
    assert page.status_code == 200
    assert "You are about to erase the personal data of <strong>Amy Example</strong>" in body
    assert "This cannot be undone." in body and 'name="reason"' in body

    blank = organiser_client.post(url, {**chosen, "confirm": "yes", "reason": ""})
    assert blank.status_code == 200 and "This field is required." in blank.content.decode()
    assert Application.objects.get(pk=world.application.pk).first_name == "Amy"

    done = organiser_client.post(url, {**chosen, "confirm": "yes", "reason": REASON}, follow=True)
    record = PrivacyRecord.objects.get()
    assert f"Personal data erased (privacy record {record.pk})." in done.content.decode()
    assert (record.actor, record.reason, record.subject_id) == (organiser, REASON, world.application.pk)
    assert Application.objects.get(pk=world.application.pk).first_name == "Student"


def test_the_admin_action_on_an_organiser_account_says_no(world, organiser, organiser_client):
    response = organiser_client.post(
        "/admin/auth/user/",
        {"action": "erase_personal_data", "_selected_action": [organiser.pk], "confirm": "yes", "reason": REASON},
        follow=True,
    )
    assert "This account runs the event (organiser, presenter or staff); take its roles away first." in (
        response.content.decode()
    )
    assert not PrivacyRecord.objects.exists()


def test_others_cannot_erase_through_the_admin(world, client, school_contact):
    client.force_login(school_contact)
    response = client.post(
        "/admin/applications/application/",
        {"action": "erase_personal_data", "_selected_action": [world.application.pk], "confirm": "yes", "reason": "x"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert Application.objects.get(pk=world.application.pk).first_name == "Amy"


def test_the_privacy_log_is_read_only_in_the_admin(world, organiser, organiser_client):
    erase("--application", str(world.application.pk), "--by", "olivia.organiser", "--reason", REASON)
    record = PrivacyRecord.objects.get()
    listing = organiser_client.get("/admin/eventsite/privacyrecord/")
    assert listing.status_code == 200
    assert "the school, e-mail of 3 October" in listing.content.decode() and "Amy" not in listing.content.decode()
    assert organiser_client.get("/admin/eventsite/privacyrecord/add/").status_code == 403
    assert organiser_client.post(f"/admin/eventsite/privacyrecord/{record.pk}/delete/").status_code == 403
