"""A hall-full of phones scanning one code at once: every scan is counted, the day's salt is made once."""

import threading

import pytest
from django.db import connection
from django.test import Client

from profiles.models import DailySalt, Scan
from tests.factories import QRLinkFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
PHONES = 20


def test_concurrent_scans_of_one_code_are_all_recorded(service_area):
    link = QRLinkFactory(profile__service_area=service_area)
    barrier = threading.Barrier(PHONES)
    statuses, errors = [], []

    def phone(number):
        try:
            client = Client()
            barrier.wait()
            response = client.get(f"/q/{link.code}", headers={"User-Agent": f"Phone {number}"})
            statuses.append(response.status_code)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(PHONES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses == [302] * PHONES
    assert Scan.objects.filter(link=link).count() == PHONES
    assert Scan.objects.values("visitor_hash").distinct().count() == PHONES
    assert DailySalt.objects.count() == 1
