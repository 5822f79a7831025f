import factory

from dashboard.models import ImpactNarrative, ImpactQuote
from tests.factories.core import EventFactory


class ImpactNarrativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactNarrative

    event = factory.SubFactory(EventFactory)
    summary = "A week of careers in cancer services.\n\nStudents met staff from across the region."


class ImpactQuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImpactQuote

    narrative = factory.SubFactory(ImpactNarrativeFactory)
    text = "The event was a fantastic opportunity for young people."
    attribution = "Head of Clinical Education"
    order = factory.Sequence(int)
