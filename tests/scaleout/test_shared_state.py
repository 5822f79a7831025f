"""No state lives in a server process: the same journeys driven through two gunicorn processes (two workers each)
count exactly, apply once, share sign-ins and trip a rate limit at its configured total."""

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest

from bench.load_client import Browser, form_fields, text_of

pytestmark = pytest.mark.postgres_only


def count(database_url: str, sql: str, *params) -> int:
    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def alternate(servers):
    return itertools.cycle(server.base for server in servers)


def test_qr_scans_split_over_both_processes_are_counted_exactly(cluster):
    servers, database_url, world = cluster
    scans = 60
    bases = list(itertools.islice(alternate(servers), scans))

    def scan(base: str) -> int:
        return Browser(base).get(f"/q/{world['qr_code']}").status

    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(scan, bases))
    assert statuses == [302] * scans
    assert count(database_url, "SELECT count(*) FROM profiles_scan") == scans


def test_survey_responses_through_both_processes_count_one_per_student(cluster):
    servers, database_url, world = cluster
    students = 12
    path = f"/s/{world['survey_key']}/{world['group_code']}/"

    def answer(index: int) -> int:
        # Each student opens the questions on one process and sends them through the other.
        first, second = servers[index % 2], servers[(index + 1) % 2]
        browser = Browser(first.base)
        fields = form_fields(browser.get(path).body)
        browser.base = second.base
        return browser.post(path, fields).status

    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(answer, range(students)))
    assert statuses == [302] * students

    # A double tap: the same form sent to both processes at once still counts once.
    browser = Browser(servers[0].base)
    fields = form_fields(browser.get(path).body)
    barrier = threading.Barrier(2)

    def send(base: str) -> int:
        copy = Browser(base, cookies=dict(browser.cookies))
        barrier.wait()
        return copy.post(path, fields).status

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(send, [s.base for s in servers])) == [302, 302]
    assert count(database_url, "SELECT count(*) FROM feedback_response") == students + 1


def test_an_allocation_applied_on_both_processes_at_once_is_applied_once(cluster):
    servers, database_url, world = cluster
    organisers = [Browser(server.base) for server in servers]
    for browser in organisers:
        browser.sign_in(world["organiser"], world["password"])
    path = f"/organise/allocation/runs/{world['run']}/"
    for browser in organisers:
        browser.get(path)
    barrier = threading.Barrier(2)

    def apply(browser: Browser) -> str:
        barrier.wait()
        reply = browser.post(path + "apply/", {})
        assert reply.status == 302, reply.status
        return text_of(browser.get(path).body)

    with ThreadPoolExecutor(2) as pool:
        pages = list(pool.map(apply, organisers))
    assert sum(f"Run {world['run']} applied" in page for page in pages) == 1
    assert sum("This run has been applied already." in page for page in pages) == 1
    placed, students = world["placed"], world["students"]
    assert count(database_url, "SELECT count(*) FROM applications_application WHERE status = 'accepted'") == placed
    assert count(database_url, "SELECT count(*) FROM applications_application WHERE status = 'waitlisted'") == (
        students - placed
    )
    changes = "SELECT count(*) FROM applications_historicalapplication WHERE history_type = '~'"
    assert count(database_url, changes) == students


def test_a_sign_in_made_on_one_process_works_on_the_other(cluster):
    servers, _, world = cluster
    browser = Browser(servers[0].base)
    browser.sign_in(world["organiser"], world["password"])
    browser.base = servers[1].base
    reply = browser.get("/organise/dashboard/")
    assert reply.status == 200
    assert "Sign in" not in text_of(reply.body)
    assert Browser(servers[1].base).get("/organise/dashboard/").status == 302


def test_a_rate_limit_hit_on_both_processes_trips_at_its_total(cluster):
    servers, _, _ = cluster
    limit = 10  # school sign-ups per address per hour (applications.views.accounts)
    browsers = [Browser(server.base) for server in servers]
    for browser in browsers:
        browser.get("/schools/sign-up/")
    data = {"email": "someone@school.example.org", "password1": "Long-enough-pw-1", "password2": "differs"}
    pages = [text_of(browsers[i % 2].post("/schools/sign-up/", data).body) for i in range(limit + 1)]
    limited = ["Too many sign-ups from this address" in page for page in pages]
    assert limited == [False] * limit + [True]
