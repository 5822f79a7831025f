"""Arbitrary input to every public form and upload never gets a 500, and an error stores nothing.

Each example runs in a savepoint that is rolled back, so examples do not see each other's rows. Rate limits are
off here (they are tested in test_limits.py) so that every example reaches the form.
"""

import csv
import io
import urllib.parse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications import spreadsheets
from applications.models import Application, School
from bench.load_client import form_fields
from eventsite.roles import SCHOOL_CONTACTS
from feedback.models import Response
from profiles.models import JobProfile, Scan
from tests.conftest import on_postgres, user_with_role
from tests.security.conftest import DURING_WEEK, rolled_back, snapshot
from timetable.models import Session

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

text = st.text(max_size=300)
# Ids past 64 bits reach Django's SQLite backend as an OverflowError (a 500) in a ModelMultipleChoiceField's
# `__in` query; PostgreSQL, the production database, refuses them cleanly. So they are sent on PostgreSQL only.
BIG = 2**70 if on_postgres() else 2**63 - 1
# Values a form might be sent: anything, or something near what it expects.
values = st.one_of(
    text,
    st.integers(-BIG, BIG).map(str),
    st.sampled_from(["", "0", "-1", "10", "2030-03-01", "31/02/2030", "25:61", "yes", "\x00", "１０", "' OR 1=1 --"]),
)


def fuzzed(fields: dict) -> st.SearchStrategy[dict]:
    """A form's fields, each kept, dropped or replaced, plus a few arbitrary extra ones."""
    per_field = {
        name: st.one_of(st.just(value), values, st.lists(values, max_size=3)) for name, value in fields.items()
    }
    return st.tuples(
        st.fixed_dictionaries({}, optional=per_field), st.dictionaries(st.text(max_size=20), values, max_size=3)
    ).map(lambda pair: {**pair[1], **pair[0]})


@pytest.fixture(autouse=True)
def no_rate_limits(settings, tmp_path):
    settings.RATELIMIT_ENABLE = False
    settings.MEDIA_ROOT = tmp_path


def assert_no_500(response):
    assert response.status_code < 500, response.content[:2000]


def page_fields(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    return form_fields(response.content.decode())


def test_survey_answers(world, time_machine):
    time_machine.move_to(DURING_WEEK, tick=False)
    client = world.client("student")
    url = reverse("feedback:answer", kwargs={"key": world.survey.key, "code": world.survey_group.code})
    fields = page_fields(client, url)

    @FUZZ
    @given(data=fuzzed(fields))
    def run(data):
        with rolled_back():
            before = Response.objects.count()
            response = client.post(url, data)
            assert_no_500(response)
            if response.status_code != 302:
                assert Response.objects.count() == before

    run()


def test_survey_room_codes(world, time_machine):
    time_machine.move_to(DURING_WEEK, tick=False)
    client = world.client("student")

    @FUZZ
    @given(code=st.one_of(text, st.just("\x00")))
    def run(code):
        with rolled_back():
            assert_no_500(client.post(reverse("feedback:start", kwargs={"key": world.survey.key}), {"code": code}))
            path = "/s/" + urllib.parse.quote(world.survey.key) + "/" + urllib.parse.quote(code, safe="") + "/"
            assert_no_500(client.get(path))

    run()


def test_school_sign_up(world):
    client = world.client("anonymous")
    url = reverse("applications:signup")
    fields = {"email": "careers@new.example.org", "password1": "Long-enough-pw-1", "password2": "Long-enough-pw-1"}

    @FUZZ
    @given(data=fuzzed(fields))
    def run(data):
        with rolled_back():
            before = snapshot()
            response = client.post(url, data)
            assert_no_500(response)
            if "Check your e-mail" not in response.content.decode():
                assert snapshot() == before

    run()


def test_school_registration(world):
    contact = user_with_role(SCHOOL_CONTACTS, username="new.contact@example.org")
    client = world.client("anonymous")
    client.force_login(contact)
    url = reverse("applications:register_school")
    fields = page_fields(client, url)

    @FUZZ
    @given(data=fuzzed(fields))
    def run(data):
        with rolled_back():
            before = School.objects.count()
            response = client.post(url, data)
            assert_no_500(response)
            if response.status_code != 302:
                assert School.objects.count() == before

    run()


def test_application_form(world):
    client = world.client("school_a")
    url = reverse("applications:application_new")

    @FUZZ
    @given(data=fuzzed(page_fields(client, url)))
    def run(data):
        with rolled_back():
            data = {**data, "form_token": page_fields(client, url)["form_token"]} if "form_token" in data else data
            before = snapshot()
            response = client.post(url, data)
            assert_no_500(response)
            if response.status_code != 302:
                assert snapshot() == before

    run()


def csv_upload(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(spreadsheets.COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode()


uploads = st.one_of(
    st.binary(max_size=2000).map(lambda content: ("students.csv", content)),
    st.binary(max_size=2000).map(lambda content: ("students.xlsx", b"PK\x03\x04" + content)),
    st.lists(st.lists(values, max_size=len(spreadsheets.COLUMNS) + 2), max_size=5).map(
        lambda rows: ("students.csv", csv_upload(rows))
    ),
)


def test_spreadsheet_upload_and_confirm(world):
    client = world.client("school_a")

    @FUZZ
    @given(upload=uploads)
    def run(upload):
        name, content = upload
        with rolled_back():
            before = Application.objects.count()
            response = client.post(
                reverse("applications:application_upload"), {"file": SimpleUploadedFile(name, content)}
            )
            assert_no_500(response)
            assert Application.objects.count() == before
            confirm = client.post(reverse("applications:application_upload_confirm"))
            assert_no_500(confirm)
            if confirm.status_code != 302 or confirm["Location"] != reverse("applications:school"):
                assert Application.objects.count() == before

    run()


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
photos = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=3000).map(lambda tail: PNG[:16] + tail),
    st.integers(0, len(PNG)).map(lambda cut: PNG[:cut]),
    st.binary(max_size=200).map(lambda tail: b"\xff\xd8\xff\xe0" + tail),
)


def test_profile_photo_upload(world):
    client = world.client("organiser")
    url = reverse("admin:profiles_jobprofile_change", args=[world.profile.pk])
    fields = page_fields(client, url)

    @FUZZ
    @given(photo=photos, name=st.sampled_from(["photo.jpg", "photo.png", "photo.gif", "photo"]))
    def run(photo, name):
        with rolled_back():
            response = client.post(
                url, {**fields, "photo": SimpleUploadedFile(name, photo), "photo_alt": "A dietitian"}
            )
            assert_no_500(response)
            if response.status_code != 302:
                assert not JobProfile.objects.get(pk=world.profile.pk).photo

    run()


def test_qr_scan_codes(world):
    client = world.client("anonymous")

    @FUZZ
    @given(code=text)
    def run(code):
        with rolled_back():
            before = Scan.objects.count()
            response = client.get("/q/" + urllib.parse.quote(code, safe=""), headers={"user-agent": "Mozilla/5.0"})
            assert_no_500(response)
            if response.status_code != 302:
                assert Scan.objects.count() == before

    run()


def test_presenter_session_form(world):
    client = world.client("presenter_a")
    url = reverse("timetable:session_new")

    @FUZZ
    @given(data=fuzzed(page_fields(client, url)))
    def run(data):
        with rolled_back():
            before = Session.objects.count()
            response = client.post(url, data)
            assert_no_500(response)
            if response.status_code != 302:
                assert Session.objects.count() == before

    run()


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["q", "area", "page", "sort", "x"]), values, max_size=4))
def test_careers_search_and_filter(world, query):
    response = world.client("anonymous").get(reverse("profiles:profile_index"), query)
    assert response.status_code == 200


PUBLIC_PATHS = ["/s/{}/", "/s/{}/thanks/", "/week/{}/", "/week/{}/calendar.ics", "/schools/confirm/{}/", "/q/{}"]


def test_public_addresses_with_arbitrary_keys(world):
    client = world.client("anonymous")

    @FUZZ
    @given(template=st.sampled_from(PUBLIC_PATHS), key=st.one_of(text.filter(bool), st.just("a\x00b")))
    def run(template, key):
        with rolled_back():
            assert_no_500(client.get(template.format(urllib.parse.quote(key, safe=""))))

    run()
