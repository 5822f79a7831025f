"""Factories for every app's models; one module per app, re-exported here."""

from tests.factories.core import EventFactory, ServiceAreaFactory, UserFactory

__all__ = ["EventFactory", "ServiceAreaFactory", "UserFactory"]
