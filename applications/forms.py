"""Forms of the applications app: they check types and formats; the services check the rules."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import MaxValueValidator, RegexValidator
from django.utils import timezone

from applications import spreadsheets
from applications.models import STATEMENT_MAX_LENGTH, School
from applications.services import CHOICE_FIELDS, ApplicationData, choice_errors, year_group_message
from eventsite.models import Event

POSTCODE_VALIDATOR = RegexValidator(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", "Enter a UK postcode, e.g. L16 9JD.")
RANK_LABELS = ("First choice", "Second choice (optional)", "Third choice (optional)")


class SignupForm(forms.Form):
    email = forms.EmailField(label="Your school e-mail address", max_length=150)
    password1 = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first and cleaned.get("email"):
            try:
                password_validation.validate_password(
                    first, get_user_model()(username=cleaned["email"], email=cleaned["email"])
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "urn",
            "local_authority",
            "postcode",
            "contact_name",
            "contact_email",
            "contact_phone",
            "gatsby_benchmark_5",
            "gatsby_benchmark_6",
        ]
        labels = {"name": "School name", "contact_name": "Contact's name", "contact_email": "Contact's e-mail"}
        help_texts = {
            "urn": "The school's 6-digit unique reference number (URN), as listed by the Department for Education.",
            "gatsby_benchmark_5": "As your latest self-assessment (Compass) shows it.",
            "gatsby_benchmark_6": "As your latest self-assessment (Compass) shows it.",
        }
        error_messages = {
            "urn": {
                "unique": "A school with this URN is registered already. Ask its contact or an organiser to add you."
            }
        }
        widgets = {"urn": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})}

    def clean_urn(self):
        return self.cleaned_data["urn"].strip()

    def clean_postcode(self):
        postcode = " ".join(self.cleaned_data["postcode"].upper().split())
        POSTCODE_VALIDATOR(postcode)
        compact = postcode.replace(" ", "")
        return f"{compact[:-3]} {compact[-3:]}"


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ApplicationForm(forms.Form):
    first_name = forms.CharField(max_length=60)
    surname = forms.CharField(max_length=60)
    year_group = forms.TypedChoiceField(coerce=int)
    choice_1 = AreaChoiceField(queryset=None, label=RANK_LABELS[0])
    choice_2 = AreaChoiceField(queryset=None, label=RANK_LABELS[1], required=False)
    choice_3 = AreaChoiceField(queryset=None, label=RANK_LABELS[2], required=False)
    statement = forms.CharField(
        label="Why the student wants to come",
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": STATEMENT_MAX_LENGTH}),
        help_text=f"In the student's own words, up to {STATEMENT_MAX_LENGTH} characters.",
    )
    needs = forms.CharField(
        label="Access and support needs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the organisers see this. Leave it empty if there are none.",
    )
    guardian_name = forms.CharField(label="Parent or guardian who gave consent", max_length=120)
    consent_date = forms.DateField(label="Date of consent", widget=forms.DateInput(attrs={"type": "date"}))
    photo_consent = forms.BooleanField(label="The parent or guardian consents to photographs", required=False)

    def __init__(self, *args, event: Event, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.set_areas(event.service_areas.order_by("order", "name"))
        years = event.eligible_year_groups
        self.fields["year_group"].choices = [(year, f"Year {year}") for year in years]
        self.fields["year_group"].error_messages["invalid_choice"] = (
            f"This event is open to {', '.join(f'Year {year}' for year in years)} only."
        )
        if editing:
            # The needs already given are never shown back; a school may replace or remove them.
            self.fields["needs"].help_text = (
                "For privacy, the needs you sent are not shown again. Type here to replace them; "
                "leave it empty to keep them."
            )
            self.fields["remove_needs"] = forms.BooleanField(label="Remove the needs sent before", required=False)

    def set_areas(self, areas) -> None:
        for name in CHOICE_FIELDS:
            self.fields[name].queryset = areas

    def clean_consent_date(self):
        date = self.cleaned_data["consent_date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date of consent cannot be in the future.")
        return date

    def clean(self):
        cleaned = super().clean()
        given = [cleaned.get(name) for name in CHOICE_FIELDS]
        if any(name in self.errors for name in CHOICE_FIELDS):
            return cleaned
        if given[2] and not given[1]:
            self.add_error("choice_3", "Give a second choice before a third.")
        elif given[0]:
            for field, messages in choice_errors(self.event, tuple(area for area in given if area)).items():
                self.add_error(field, messages)
        return cleaned

    def application_data(self) -> ApplicationData:
        cleaned = self.cleaned_data
        return ApplicationData(
            first_name=cleaned["first_name"],
            surname=cleaned["surname"],
            year_group=cleaned["year_group"],
            choices=tuple(cleaned[name] for name in CHOICE_FIELDS if cleaned.get(name)),
            statement=cleaned["statement"],
            needs=cleaned.get("needs", ""),
            guardian_name=cleaned["guardian_name"],
            consent_date=cleaned["consent_date"],
            photo_consent=cleaned["photo_consent"],
        )

    @property
    def keep_needs(self) -> bool:
        """On an edit, empty needs keep what was sent unless the school asked to remove it."""
        return (
            "remove_needs" in self.fields and not self.cleaned_data["needs"] and not self.cleaned_data["remove_needs"]
        )


class AreaByNameField(forms.Field):
    """A service area given by its name in a spreadsheet cell, in any letter case, from a list of areas."""

    areas: list = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        match = next((area for area in self.areas if area.name.lower() == value.strip().lower()), None)
        if match is None:
            names = ", ".join(area.name for area in self.areas)
            raise forms.ValidationError(f"'{value}' is not a service area of this event. Use one of: {names}.")
        return match


class YesNoField(forms.Field):
    YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}

    def to_python(self, value):
        text = (value or "").strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise forms.ValidationError("Write yes or no.")


class ApplicationRowForm(ApplicationForm):
    """One spreadsheet row: areas by name, the year as a number, photo consent as yes or no, dates as 2024-03-04."""

    year_group = forms.IntegerField(min_value=7, max_value=13)
    choice_1 = AreaByNameField(label=RANK_LABELS[0])
    choice_2 = AreaByNameField(label=RANK_LABELS[1], required=False)
    choice_3 = AreaByNameField(label=RANK_LABELS[2], required=False)
    photo_consent = YesNoField(required=False)
    consent_date = forms.DateField(input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"])

    def __init__(self, *args, event: Event, areas: list, **kwargs):
        self.areas = areas  # one list for every row, instead of a query per cell
        super().__init__(*args, event=event, **kwargs)

    def set_areas(self, areas) -> None:
        for name in CHOICE_FIELDS:
            self.fields[name].areas = self.areas

    def clean_year_group(self):
        year = self.cleaned_data["year_group"]
        if year not in self.event.eligible_year_groups:
            raise forms.ValidationError(year_group_message(self.event, year))
        return year


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet (.csv or .xlsx)",
        help_text=f"Up to {spreadsheets.MAX_UPLOAD_BYTES // 1024} KB and {spreadsheets.MAX_ROWS} students.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > spreadsheets.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {spreadsheets.MAX_UPLOAD_BYTES // 1024} KB. Split it into smaller files."
            )
        try:
            self.rows = spreadsheets.read_rows(upload.name, upload.read())
        except spreadsheets.SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


class AllocationRunForm(forms.Form):
    event_capacity = forms.IntegerField(label="Event capacity", min_value=0)
    school_cap = forms.IntegerField(
        label="Most students from one school (optional)",
        min_value=1,
        required=False,
        help_text="Counts the students this run places. Leave empty for no cap.",
    )
    seed = forms.IntegerField(
        label="Random seed for ties",
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        help_text="The same seed with the same applications gives the same result.",
    )

    def __init__(self, *args, event: Event, groups, **kwargs):
        super().__init__(*args, **kwargs)
        capacity = self.fields["event_capacity"]
        capacity.initial, capacity.widget.attrs["max"] = event.capacity, event.capacity
        capacity.validators.append(MaxValueValidator(event.capacity))
        capacity.help_text = f"At most {event.capacity}, the event's capacity (set in the admin)."
        self.groups = list(groups)
        for group in self.groups:
            self.fields[f"group_{group.pk}"] = forms.IntegerField(
                label=f"{group.name} ({group.service_area.name})", min_value=1, max_value=999, initial=group.capacity
            )

    def parameters(self) -> dict:
        cleaned = self.cleaned_data
        return {
            "event_capacity": cleaned["event_capacity"],
            "school_cap": cleaned["school_cap"],
            "seed": cleaned["seed"],
            "group_capacities": {group.pk: cleaned[f"group_{group.pk}"] for group in self.groups},
        }
