"""Factories for every app's models; one module per app, re-exported here."""

from tests.factories.applications import (
    ApplicationChoiceFactory,
    ApplicationFactory,
    GroupVisitFactory,
    HomeGroupFactory,
    SchoolFactory,
)
from tests.factories.core import EventFactory, ServiceAreaFactory, UserFactory

__all__ = [
    "ApplicationChoiceFactory",
    "ApplicationFactory",
    "EventFactory",
    "GroupVisitFactory",
    "HomeGroupFactory",
    "SchoolFactory",
    "ServiceAreaFactory",
    "UserFactory",
]
