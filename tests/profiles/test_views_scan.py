"""/q/<code>: count a person's scan, then redirect within the site; never crash, never leave the site."""

import pytest

from profiles.models import Scan
from tests.factories import QRLinkFactory

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


def scan(client, code, **headers):
    return client.get(f"/q/{code}", headers={"User-Agent": PHONE, **headers}, REMOTE_ADDR="203.0.113.7")


def test_a_scan_is_recorded_and_redirected_to_the_profile(client, link):
    response = scan(client, link.code)
    assert response.status_code == 302
    assert response.headers["Location"] == "/careers/therapeutic-radiographer/"
    assert "no-store" in response.headers["Cache-Control"]
    recorded = Scan.objects.get()
    assert recorded.link == link
    assert len(recorded.visitor_hash) == 32
    assert "203.0.113.7" not in recorded.visitor_hash


def test_the_same_phone_twice_is_one_unique_visitor(client, link):
    scan(client, link.code)
    scan(client, link.code)
    assert Scan.objects.count() == 2
    assert Scan.objects.values("visitor_hash").distinct().count() == 1


def test_codes_read_off_a_card_in_capitals_still_work(client, link):
    assert scan(client, link.code.upper()).status_code == 302


def test_a_link_to_a_page_redirects_there(client, event):
    link = QRLinkFactory(event=event, profile=None, target_path="/careers/?area=cancer-services")
    assert scan(client, link.code).headers["Location"] == "/careers/?area=cancer-services"


def test_a_link_to_an_unpublished_profile_leads_to_the_careers_list(client, link):
    link.profile.published = False
    link.profile.save()
    assert scan(client, link.code).headers["Location"] == "/careers/"


@pytest.mark.parametrize(
    "headers",
    [
        {"User-Agent": "WhatsApp/2.24.10"},
        {"User-Agent": "facebookexternalhit/1.1"},
        {"Sec-Purpose": "prefetch"},
        {"Purpose": "prefetch"},
        {"User-Agent": ""},
    ],
)
def test_previews_and_prefetches_are_redirected_but_not_counted(client, link, headers):
    assert scan(client, link.code, **headers).status_code == 302
    assert not Scan.objects.exists()


def test_head_requests_are_not_counted(client, link):
    response = client.head(f"/q/{link.code}", headers={"User-Agent": PHONE})
    assert response.status_code == 302
    assert not Scan.objects.exists()


def test_other_methods_are_refused(client, link):
    assert client.post(f"/q/{link.code}").status_code == 405
    assert not Scan.objects.exists()


@pytest.mark.parametrize("code", ["zzzzzzzzzz", "nope", "<script>", "%00", "a" * 300])
def test_an_unknown_code_gets_a_friendly_page(client, link, code):
    response = scan(client, code)
    assert response.status_code == 404
    body = response.content.decode()
    assert "We could not find that code" in body and "css/site.css" in body
    assert 'href="/careers/"' in body
    assert not Scan.objects.exists()


def test_a_deactivated_code_gets_the_friendly_page(client, link):
    link.is_active = False
    link.save()
    response = scan(client, link.code)
    assert response.status_code == 404
    assert "We could not find that code" in response.content.decode()
    assert not response.cookies


def test_once_its_target_is_cached_a_scan_is_one_insert(client, link, django_assert_max_num_queries):
    scan(client, link.code)
    with django_assert_max_num_queries(4) as captured:  # with the transaction's savepoint and settings
        scan(client, link.code)
    statements = [query["sql"].split()[0] for query in captured.captured_queries]
    assert [word for word in statements if word in ("SELECT", "INSERT", "UPDATE", "DELETE")] == ["INSERT"]
    assert Scan.objects.count() == 2


def test_changing_a_link_or_its_profile_changes_where_it_leads(client, link, django_capture_on_commit_callbacks):
    scan(client, link.code)
    with django_capture_on_commit_callbacks(execute=True):
        link.profile.slug = "radiotherapy"
        link.profile.save()
    assert scan(client, link.code).headers["Location"] == "/careers/radiotherapy/"
    with django_capture_on_commit_callbacks(execute=True):
        link.is_active = False
        link.save()
    assert scan(client, link.code).status_code == 404


@pytest.mark.django_db(transaction=True)  # SQLite checks foreign keys when the transaction commits
def test_a_link_deleted_since_it_was_cached_gets_the_friendly_page(client, link):
    scan(client, link.code)
    link.profile.service_area.event.delete()  # no commit hook runs here: the cached target is stale
    response = scan(client, link.code)
    assert response.status_code == 404
    assert "We could not find that code" in response.content.decode()
    assert scan(client, link.code).status_code == 404
