"""Factories for every app's models; one module per app, re-exported here."""

from tests.factories.applications import (
    ApplicationChoiceFactory,
    ApplicationFactory,
    GroupVisitFactory,
    HomeGroupFactory,
    SchoolFactory,
)
from tests.factories.core import EventFactory, ServiceAreaFactory, UserFactory
from tests.factories.dashboard import ImpactNarrativeFactory, ImpactQuoteFactory
from tests.factories.feedback import OptionFactory, QuestionFactory, SurveyFactory, SurveyGroupFactory
from tests.factories.profiles import JobProfileFactory, QRLinkFactory, ScanFactory
from tests.factories.timetable import (
    OrganisationFactory,
    PresenterFactory,
    RoomFactory,
    SessionFactory,
    SubGroupFactory,
)

__all__ = [
    "ApplicationChoiceFactory",
    "ApplicationFactory",
    "EventFactory",
    "GroupVisitFactory",
    "HomeGroupFactory",
    "ImpactNarrativeFactory",
    "ImpactQuoteFactory",
    "JobProfileFactory",
    "OptionFactory",
    "OrganisationFactory",
    "PresenterFactory",
    "QRLinkFactory",
    "QuestionFactory",
    "RoomFactory",
    "ScanFactory",
    "SchoolFactory",
    "ServiceAreaFactory",
    "SessionFactory",
    "SubGroupFactory",
    "SurveyFactory",
    "SurveyGroupFactory",
    "UserFactory",
]
