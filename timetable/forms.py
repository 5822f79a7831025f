"""Forms for presenters and organisers; choices are limited to the event's rooms, groups and presenters."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from applications.models import GroupVisit, HomeGroup
from eventsite.models import Event, ServiceArea
from profiles.models import JobProfile
from timetable import selectors
from timetable.models import ChangeRequestStatus, Organisation, Presenter, Room, SessionKind, SubGroup
from timetable.services import SessionDetails

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
UNKNOWN_ROOM = "That room is not one of this event's rooms; choose one from the list."


def day_choices(event: Event) -> list[tuple[int, str]]:
    return [(index, f"{day:%A} {day.day} {day:%B}") for index, day in enumerate(event.days)]


class _Crispy:
    submit_label = "Save"

    def _helper(self):
        helper = FormHelper()
        helper.add_input(Submit("submit", self.submit_label))
        return helper


class PresenterProfileForm(_Crispy, forms.Form):
    submit_label = "Save my details"
    organisation = forms.ModelChoiceField(Organisation.objects.all(), help_text="Who you work for.")
    new_organisation = forms.CharField(
        required=False, max_length=200, label="Or add your organisation", help_text="Only if it is not in the list."
    )
    job_title = forms.CharField(required=False, max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = False
        self.helper = self._helper()

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("new_organisation", "").strip():
            raise forms.ValidationError("Choose your organisation, or add it if it is not in the list.")
        return data

    def organisation_to_save(self) -> Organisation:
        name = self.cleaned_data["new_organisation"].strip()
        if name:
            return Organisation.objects.get_or_create(name=name)[0]
        return self.cleaned_data["organisation"]


class SessionForm(_Crispy, forms.Form):
    """A session as a presenter or an organiser enters it."""

    submit_label = "Save session"
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(choices=SessionKind.choices)
    service_area = forms.ModelChoiceField(ServiceArea.objects.none())
    day_index = forms.TypedChoiceField(label="Day", coerce=int)
    starts_at = forms.TimeField(label="Start", widget=TIME_INPUT)
    ends_at = forms.TimeField(label="End", widget=TIME_INPUT)
    room = forms.ModelChoiceField(
        Room.objects.none(),
        required=False,
        help_text="Leave empty if you have no preference; the organisers place it.",
        error_messages={"invalid_choice": UNKNOWN_ROOM},
    )
    for_everyone = forms.BooleanField(required=False, label="For everyone at the event")
    home_groups = forms.ModelMultipleChoiceField(
        HomeGroup.objects.none(), required=False, label="Whole home groups", widget=forms.CheckboxSelectMultiple
    )
    sub_groups = forms.ModelMultipleChoiceField(
        SubGroup.objects.none(), required=False, label="Sub-groups", widget=forms.CheckboxSelectMultiple
    )
    visits = forms.ModelMultipleChoiceField(
        GroupVisit.objects.none(), required=False, label="Visiting groups", widget=forms.CheckboxSelectMultiple
    )
    presenters = forms.ModelMultipleChoiceField(
        Presenter.objects.none(),
        required=False,
        label="Presenters",
        help_text="Staff and guests presenting it; hold Ctrl (Cmd on a Mac) to choose more than one.",
    )
    featured_profiles = forms.ModelMultipleChoiceField(
        JobProfile.objects.none(),
        required=False,
        label="Featured job profiles",
        help_text="Careers the session shows; students find them on the group's week. Hold Ctrl to choose several.",
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["service_area"].queryset = ServiceArea.objects.filter(event=event)
        self.fields["day_index"].choices = day_choices(event)
        self.fields["room"].queryset = selectors.rooms_for_event(event)
        self.fields["home_groups"].queryset = HomeGroup.objects.filter(event=event)
        self.fields["sub_groups"].queryset = SubGroup.objects.filter(home_group__event=event).select_related(
            "home_group"
        )
        self.fields["sub_groups"].label_from_instance = lambda sub: f"{sub.home_group.name}: {sub.name}"
        self.fields["visits"].queryset = GroupVisit.objects.filter(service_area__event=event).select_related(
            "home_group", "service_area"
        )
        self.fields["presenters"].queryset = Presenter.objects.select_related("user", "organisation")
        self.fields["presenters"].label_from_instance = lambda p: f"{p.name} ({p.organisation.name})"
        self.fields["featured_profiles"].queryset = JobProfile.objects.filter(service_area__event=event).order_by(
            "title"
        )
        self.helper = self._helper()

    @classmethod
    def initial_for(cls, session) -> dict:
        return {
            "title": session.title,
            "description": session.description,
            "kind": session.kind,
            "service_area": session.service_area_id,
            "day_index": session.day_index,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "room": session.room_id,
            "for_everyone": session.for_everyone,
            "home_groups": list(session.home_groups.all()),
            "sub_groups": list(session.sub_groups.all()),
            "visits": list(session.visits.all()),
            "presenters": list(session.presenters.all()),
            "featured_profiles": list(session.featured_profiles.all()),
        }

    def details(self, *, include: Presenter | None = None) -> SessionDetails:
        data = self.cleaned_data
        presenters = list(data["presenters"])
        if include is not None and include not in presenters:
            presenters.insert(0, include)
        return SessionDetails(
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            service_area_id=data["service_area"].pk,
            day_index=data["day_index"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            room=data["room"],
            for_everyone=data["for_everyone"],
            presenters=presenters,
            home_groups=list(data["home_groups"]),
            sub_groups=list(data["sub_groups"]),
            visits=list(data["visits"]),
            featured_profiles=list(data["featured_profiles"]),
        )


class MoveForm(forms.Form):
    """An organiser places or moves one session on the grid."""

    day_index = forms.TypedChoiceField(label="Day", coerce=int)
    starts_at = forms.TimeField(label="Start", widget=TIME_INPUT)
    ends_at = forms.TimeField(label="End", widget=TIME_INPUT)
    room = forms.ModelChoiceField(Room.objects.none(), required=False, error_messages={"invalid_choice": UNKNOWN_ROOM})

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day_index"].choices = day_choices(event)
        self.fields["room"].queryset = selectors.rooms_for_event(event)


class ChangeRequestForm(_Crispy, forms.Form):
    submit_label = "Send to the organisers"
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        label="What should change?",
        help_text="E.g. a new time, another room, a different presenter. The organisers will reply.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self._helper()


class ResolveChangeRequestForm(forms.Form):
    status = forms.ChoiceField(choices=[c for c in ChangeRequestStatus.choices if c[0] != ChangeRequestStatus.OPEN])
    response = forms.CharField(required=False, max_length=2000, label="Reply")


class UnavailabilityForm(_Crispy, forms.Form):
    submit_label = "Add"
    day_index = forms.TypedChoiceField(label="Day", coerce=int)
    starts_at = forms.TimeField(label="From", widget=TIME_INPUT)
    ends_at = forms.TimeField(label="Until", widget=TIME_INPUT)
    note = forms.CharField(required=False, max_length=200, help_text="Optional, e.g. clinic.")

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day_index"].choices = day_choices(event)
        self.helper = self._helper()


class RotationForm(_Crispy, forms.Form):
    """A home group's rotation: k activities, each with its room, over k back-to-back slots on one day."""

    submit_label = "Create the rotation"
    home_group = forms.ModelChoiceField(HomeGroup.objects.none())
    title = forms.CharField(max_length=200, initial="Marketplace, campus tour and careers info")
    service_area = forms.ModelChoiceField(ServiceArea.objects.none())
    day_index = forms.TypedChoiceField(label="Day", coerce=int)
    first_start = forms.TimeField(label="First slot starts", widget=TIME_INPUT, initial=datetime.time(10, 0))
    slot_minutes = forms.IntegerField(label="Minutes per slot", min_value=10, max_value=240, initial=45)
    activities = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One activity a line, as: title | room. The group is split into one sub-group per activity.",
        initial="Marketplace | \nCampus tour | \nCreating careers info | ",
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["home_group"].queryset = HomeGroup.objects.filter(event=event)
        self.fields["service_area"].queryset = ServiceArea.objects.filter(event=event)
        self.fields["day_index"].choices = day_choices(event)
        self.helper = self._helper()

    def clean_activities(self):
        rooms = {room.name.casefold(): room for room in selectors.rooms_for_event(self.event)}
        activities = []
        for number, line in enumerate(self.cleaned_data["activities"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _, room_name = (part.strip() for part in line.partition("|"))
            if not title:
                raise forms.ValidationError(f"Line {number} has no title.")
            if not room_name:
                raise forms.ValidationError(f"Line {number}: give the activity's room after a |.")
            if room_name.casefold() not in rooms:
                raise forms.ValidationError(f"Line {number}: there is no room called '{room_name}' at this event.")
            activities.append((title, rooms[room_name.casefold()]))
        if len(activities) < 2:
            raise forms.ValidationError("Give at least two activities, one a line.")
        return activities
