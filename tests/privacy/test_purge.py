"""The retention purge: what it removes (exact values), what it keeps, history, refusal, idempotence, automation."""

import datetime
from io import StringIO

import pytest
from axes.models import AccessLog
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from applications.models import Application, School
from eventsite.models import Event, PrivacyAction, PrivacyRecord
from eventsite.roles import PRESENTERS
from feedback.models import Answer, Response
from tests.factories import ApplicationFactory, EventFactory, SchoolFactory
from tests.privacy.conftest import DAY_BEFORE_END, NEEDS, RETENTION_END, contact_user

pytestmark = pytest.mark.django_db

ERASED = {"statement": "", "needs": "", "guardian_name": "", "consent_date": datetime.date(1970, 1, 1)}


def purge(slug, *args):
    call_command("purge_personal_data", slug, *args, stdout=(out := StringIO()))
    return out.getvalue()


def test_purge_removes_every_personal_field_and_keeps_the_rest(world, time_machine):
    time_machine.move_to(RETENTION_END, tick=False)
    out = purge(world.event.slug)

    app, other = Application.objects.get(pk=world.application.pk), Application.objects.get(pk=world.other.pk)
    values = ("first_name", "surname", "statement", "needs", "guardian_name", "consent_date")
    assert {f: getattr(app, f) for f in values} == {"first_name": "Student", "surname": str(app.pk), **ERASED}
    assert {f: getattr(other, f) for f in values} == {"first_name": "Student", "surname": str(other.pk), **ERASED}
    assert (app.status, app.home_group, app.year_group, app.photo_consent) == ("accepted", world.group, 10, True)
    assert [c.service_area for c in app.choices.all()] == [world.group.service_area]

    school = School.objects.get(pk=world.school.pk)
    assert (school.name, school.contact_name, school.contact_email, school.contact_phone) == (
        "Brookfield High",
        "",
        "",
        "",
    )
    contact = type(world.contact).objects.get(pk=world.contact.pk)
    assert (contact.username, contact.first_name, contact.last_name, contact.email) == (
        f"erased-user-{contact.pk}",
        "",
        "",
        "",
    )
    assert not contact.is_active and not contact.has_usable_password() and not contact.groups.exists()

    assert list(Response.objects.values_list("respondent_name", flat=True)) == ["", ""]
    assert list(Answer.objects.exclude(text="").values_list("text", flat=True)) == []
    assert Answer.objects.filter(question=world.text_question).count() == 1  # the answer is still counted

    event = Event.objects.get(pk=world.event.pk)
    assert event.personal_data_purged_at == RETENTION_END
    record = PrivacyRecord.objects.get()
    assert (record.action, record.event, record.actor, record.reason) == (PrivacyAction.PURGE, event, None, "")
    assert record.counts == {
        "feedback": {"respondent_names": 1, "free_text_answers": 1},
        "applications": {
            "applications": 2,
            "application_history": 3,
            "school_contacts": 1,
            "school_history": 1,
            "contact_accounts": 1,
            "sent_email_records": 0,
        },
    }
    assert out.splitlines()[0] == f"Removed the personal data of {event.slug} (stamped 2030-09-19 00:01 BST):"


def test_no_history_row_keeps_an_old_value(world, time_machine):
    history = world.application.history
    assert history.filter(first_name="Amy", needs=NEEDS).count() == 2
    time_machine.move_to(RETENTION_END, tick=False)
    purge(world.event.slug)

    rows = list(Application.history.values_list("id", "first_name", "surname", "statement", "needs", "guardian_name"))
    assert rows and all(row[1:] == ("Student", str(row[0]), "", "", "") for row in rows)
    assert not Application.history.exclude(consent_date=datetime.date(1970, 1, 1)).exists()
    assert not School.history.exclude(contact_name="", contact_email="", contact_phone="").exists()
    latest = history.latest()
    assert latest.history_change_reason == "Personal data removed: the event's retention period ended"


def test_a_school_still_taking_part_in_another_event_keeps_its_contact(world, time_machine):
    later = EventFactory(start_date=datetime.date(2031, 6, 16))
    ApplicationFactory(event=later, school=world.school)
    time_machine.move_to(RETENTION_END, tick=False)
    purge(world.event.slug)
    world.school.refresh_from_db()
    world.contact.refresh_from_db()
    assert world.school.contact_email == "casey@brookfield.example.org"
    assert world.contact.is_active and world.contact.username == "casey@brookfield.example.org"
    # Once the later event is purged too, the school's contact goes.
    call_command("purge_personal_data", later.slug, "--force", stdout=StringIO())
    world.school.refresh_from_db()
    assert world.school.contact_email == ""


def test_accounts_that_run_the_event_or_another_school_are_kept(world, time_machine):
    world.contact.groups.add(Group.objects.get(name=PRESENTERS))
    second = contact_user("dual@example.org")
    world.school.contacts.add(second)
    SchoolFactory(name="Unrelated school").contacts.add(second)
    time_machine.move_to(RETENTION_END, tick=False)
    purge(world.event.slug)
    world.contact.refresh_from_db()
    second.refresh_from_db()
    assert world.contact.username == "casey@brookfield.example.org" and world.contact.is_active
    assert second.username == "dual@example.org" and second.is_active


def test_sign_in_log_and_sent_email_records_go(world, time_machine):
    AccessLog.objects.create(username=world.contact.username, ip_address="127.0.0.1", user_agent="phone")
    sent = DBTaskResult.objects.create(
        task_path="eventsite.tasks.send_email",
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=RETENTION_END - datetime.timedelta(days=80),
        args_kwargs={"args": [], "kwargs": {"to": ["casey@brookfield.example.org"], "body": "Amy Example: place"}},
        backend_name="default",
        run_after=RETENTION_END,
    )
    time_machine.move_to(RETENTION_END, tick=False)
    purge(world.event.slug)
    assert not AccessLog.objects.exists()
    assert not DBTaskResult.objects.filter(pk=sent.pk).exists()


def test_refuses_before_the_retention_end_unless_forced(world, time_machine):
    time_machine.move_to(DAY_BEFORE_END, tick=False)
    with pytest.raises(CommandError) as refused:
        purge(world.event.slug)
    assert str(refused.value) == (
        f"The personal data of {world.event.name} is kept until 19 September 2030 (90 days after the event ends). "
        "Nothing was removed; run with --force to remove it now."
    )
    assert Application.objects.get(pk=world.application.pk).first_name == "Amy"
    assert not PrivacyRecord.objects.exists()

    purge(world.event.slug, "--force")
    assert Application.objects.get(pk=world.application.pk).first_name == "Student"
    assert PrivacyRecord.objects.get().reason == "Forced before the end of the retention period"


def test_an_unknown_event_is_refused(db):
    with pytest.raises(CommandError, match=r"^There is no event with the slug 'nope'\.$"):
        purge("nope")


def test_purging_twice_changes_nothing(world, time_machine):
    time_machine.move_to(RETENTION_END, tick=False)
    purge(world.event.slug)
    snapshot = list(Application.history.values_list())
    time_machine.move_to(RETENTION_END + datetime.timedelta(days=3), tick=False)
    out = purge(world.event.slug)
    assert out == f"{world.event.slug} was purged on 2030-09-19 00:01 BST; nothing left to remove.\n"
    assert list(Application.history.values_list()) == snapshot
    assert Event.objects.get(pk=world.event.pk).personal_data_purged_at == RETENTION_END
    assert PrivacyRecord.objects.count() == 1


def test_the_daily_job_purges_only_after_the_retention_end(world, time_machine):
    untouched = EventFactory(start_date=datetime.date(2031, 6, 16))

    def run_daily_job():
        call_command("purge_expired_personal_data", stdout=(out := StringIO()))
        return out.getvalue()

    time_machine.move_to(DAY_BEFORE_END, tick=False)
    assert run_daily_job() == "No event's retention period has ended without a purge; nothing to do.\n"
    assert Event.objects.get(pk=world.event.pk).personal_data_purged_at is None

    time_machine.move_to(RETENTION_END, tick=False)
    assert run_daily_job().startswith(f"Removed the personal data of {world.event.slug}")
    assert Event.objects.get(pk=world.event.pk).personal_data_purged_at == RETENTION_END
    assert Application.objects.get(pk=world.application.pk).needs == ""
    assert Event.objects.get(pk=untouched.pk).personal_data_purged_at is None

    time_machine.move_to(RETENTION_END + datetime.timedelta(days=1), tick=False)
    assert run_daily_job() == "No event's retention period has ended without a purge; nothing to do.\n"
    assert PrivacyRecord.objects.count() == 1
