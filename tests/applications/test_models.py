import pytest
from django.db.models import RestrictedError

from applications.models import Application, ApplicationStatus, HomeGroup
from tests.applications.conftest import make_application
from tests.factories import HomeGroupFactory

pytestmark = pytest.mark.django_db


def test_an_area_with_groups_or_choices_cannot_be_deleted_but_its_event_can(event, areas, school):
    group = HomeGroupFactory(event=event, service_area=areas[0])
    make_application(event, school, areas, status=ApplicationStatus.ACCEPTED, home_group=group)
    with pytest.raises(RestrictedError):
        areas[0].delete()
    with pytest.raises(RestrictedError):
        group.delete()
    event.delete()
    assert (HomeGroup.objects.count(), Application.objects.count()) == (0, 0)
