"""Subject-access exports: everything held about one student or one school contact, organisers only, recorded."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from eventsite.models import PrivacyAction, PrivacyRecord
from eventsite.privacy_services import subject_export
from feedback.privacy import NOT_LINKED
from tests.privacy.conftest import NEEDS

pytestmark = pytest.mark.django_db

AT = "2030-06-19T11:00:00+00:00"  # the frozen clock of the world fixture, in UTC


def export(*args) -> dict:
    out = StringIO()
    call_command("export_subject", *args, "--by", "olivia.organiser", stdout=out)
    return json.loads(out.getvalue())


def test_a_students_export_holds_everything_across_apps(world, organiser):
    app = world.application
    data = export("--application", str(app.pk))
    record = PrivacyRecord.objects.get()
    assert data == {
        "subject": {"kind": "application", "id": app.pk},
        "exported_at": AT,
        "exported_by": "olivia.organiser",
        "privacy_record": record.pk,
        "data": {
            "applications": {
                "application": {
                    "id": app.pk,
                    "event": world.event.slug,
                    "school": "Brookfield High",
                    "first_name": "Amy",
                    "surname": "Example",
                    "year_group": 10,
                    "statement": "I want to be a radiographer.",
                    "needs": NEEDS,
                    "guardian_name": "Gina Example",
                    "consent_date": "2030-03-02",
                    "photo_consent": True,
                    "status": "accepted",
                    "home_group": "Cancer services home group",
                    "choices": [{"rank": 1, "service_area": world.group.service_area.name}],
                    "created_at": AT,
                    "decision_published_at": None,
                },
                "application_history": [
                    {"date": AT, "change": "created", "status": "submitted", "reason": ""},
                    {"date": AT, "change": "changed", "status": "accepted", "reason": ""},
                ],
            },
            "timetable": {"sub_group": "Group A"},
            "feedback": {
                "survey_responses": NOT_LINKED,
                "named_responses": [
                    {
                        "survey": "End of week",
                        "name_given": "Amy Example",
                        "submitted_at": AT,
                        "answers": [
                            {"question": "How was it?", "answer": 5},
                            {"question": "Best part?", "answer": "Meeting Dr Patel with my friend Ben"},
                        ],
                    }
                ],
            },
        },
    }
    assert (record.action, record.subject_kind, record.subject_id, record.actor, record.event) == (
        PrivacyAction.EXPORT,
        "application",
        app.pk,
        organiser,
        world.event,
    )


def test_a_school_contacts_export_holds_their_account_schools_and_submissions(world, organiser):
    contact = world.contact
    data = export("--user", str(contact.pk))["data"]
    assert data == {
        "eventsite": {
            "account": {
                "id": contact.pk,
                "username": "casey@brookfield.example.org",
                "first_name": "Casey",
                "last_name": "Contact",
                "email": "casey@brookfield.example.org",
                "is_active": True,
                "date_joined": AT,
                "last_login": None,
                "roles": ["School contacts"],
            }
        },
        "applications": {
            "schools": [
                {
                    "name": "Brookfield High",
                    "urn": world.school.urn,
                    "contact_name": "Casey Contact",
                    "contact_email": "casey@brookfield.example.org",
                    "contact_phone": "0151 000 0000",
                }
            ],
            "applications_submitted": [
                {
                    "id": world.application.pk,
                    "event": world.event.slug,
                    "school": "Brookfield High",
                    "first_name": "Amy",
                    "surname": "Example",
                    "submitted_at": AT,
                }
            ],
        },
    }
    assert PrivacyRecord.objects.get().subject_kind == "user"


def test_the_export_command_writes_a_file(world, organiser, tmp_path):
    target = tmp_path / "export.json"
    out = StringIO()
    call_command(
        "export_subject",
        "--application",
        str(world.other.pk),
        "--by",
        "olivia.organiser",
        "--output",
        str(target),
        stdout=out,
    )
    record = PrivacyRecord.objects.get()
    assert out.getvalue() == f"Wrote the export to {target} (privacy record {record.pk}).\n"
    assert json.loads(target.read_text())["data"]["applications"]["application"]["first_name"] == "Ben"


def test_only_organisers_may_export(world, presenter, school_contact):
    for user in (presenter, school_contact, None):
        with pytest.raises(PermissionDenied):
            subject_export(by=user, application=world.application)
    with pytest.raises(CommandError, match=r"^Only an organiser may export or erase personal data\.$"):
        call_command("export_subject", "--application", str(world.application.pk), "--by", presenter.username)
    assert not PrivacyRecord.objects.exists()


def test_the_admin_action_downloads_the_export(world, organiser_client):
    response = organiser_client.post(
        "/admin/applications/application/",
        {"action": "export_personal_data", "_selected_action": [world.application.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="subject-access-application-{world.application.pk}.json"'
    )
    assert json.loads(response.content)["data"]["applications"]["application"]["needs"] == NEEDS


def test_the_admin_action_on_accounts(world, organiser_client):
    response = organiser_client.post(
        "/admin/auth/user/", {"action": "export_personal_data", "_selected_action": [world.contact.pk]}
    )
    assert json.loads(response.content)["subject"] == {"kind": "user", "id": world.contact.pk}


def test_the_admin_action_takes_one_person_at_a_time(world, organiser_client):
    response = organiser_client.post(
        "/admin/applications/application/",
        {"action": "export_personal_data", "_selected_action": [world.application.pk, world.other.pk]},
        follow=True,
    )
    assert "Choose exactly one record: requests are handled one person at a time." in response.content.decode()
    assert not PrivacyRecord.objects.exists()


@pytest.mark.parametrize("who", ["school_contact", "presenter", "plain_user"])
def test_other_roles_cannot_reach_the_admin_actions(world, client, who, request):
    client.force_login(request.getfixturevalue(who))
    for url, pk in [
        ("/admin/applications/application/", world.application.pk),
        ("/admin/auth/user/", world.contact.pk),
    ]:
        response = client.post(url, {"action": "export_personal_data", "_selected_action": [pk]})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not PrivacyRecord.objects.exists()
