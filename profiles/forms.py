import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.core.files.base import ContentFile

from profiles import images, qr
from profiles.models import JobProfile, QRLink


class PhotoField(forms.FileField):
    """A JPEG or PNG photo within the limits, stored as our own resized JPEG under a name of our own."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        if upload.size is not None and upload.size > images.MAX_BYTES:
            raise forms.ValidationError(f"The photo is too large: the limit is {images.MAX_BYTES // 2**20} MB.")
        try:
            photo = images.process_photo(upload.read())
        except images.PhotoRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
        return ContentFile(photo.content, name=f"{uuid.uuid4().hex}.{photo.extension}")


class JobProfileAdminForm(forms.ModelForm):
    photo = PhotoField(
        required=False,
        help_text=f"A JPEG or PNG up to {images.MAX_BYTES // 2**20} MB; it is resized to {images.MAX_SIDE} pixels.",
    )

    class Meta:
        model = JobProfile
        fields = [
            "title",
            "slug",
            "service_area",
            "summary",
            "day_to_day",
            "published",
            "order",
            "qualifications",
            "experience",
            "route_apprenticeship",
            "route_degree",
            "route_on_the_job",
            "pay_band",
            "salary_min",
            "salary_max",
            "salary_year",
            "skills",
            "related_roles",
            "photo",
            "photo_alt",
        ]


class QRLinkAdminForm(forms.ModelForm):
    class Meta:
        model = QRLink
        fields = ["event", "profile", "target_path", "placement", "is_active"]


class ProfileQRLinkForm(forms.Form):
    """A new QR link to the profile being previewed: only its placement is asked for."""

    placement = forms.CharField(
        max_length=120,
        help_text='Where it will be shown, e.g. "Marketplace stand".',
        widget=forms.TextInput(attrs={"list": "placements", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class QRImageForm(forms.Form):
    """The size and error-correction level of a QR code download."""

    size = forms.IntegerField(required=False)
    ec = forms.ChoiceField(
        label="Error correction",
        choices=[("L", "L (7%)"), ("M", "M (15%)"), ("Q", "Q (25%)"), ("H", "H (30%)")],
        required=False,
    )

    def __init__(self, *args, sizes: range, default_size: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.sizes = sizes
        self.default_size = default_size

    def clean_size(self):
        size = self.cleaned_data["size"]
        if size is None:
            return self.default_size
        if size not in self.sizes:
            raise forms.ValidationError(f"Choose a size from {self.sizes.start} to {self.sizes.stop - 1}.")
        return size

    def clean_ec(self):
        return self.cleaned_data["ec"] or "M"


class SheetForm(forms.Form):
    """Which codes the printable sheet shows, and how they are drawn."""

    placement = forms.ChoiceField(required=False)
    size = forms.TypedChoiceField(
        label="Code size",
        coerce=int,
        choices=[(30, "Small (3 cm)"), (45, "Medium (4.5 cm)"), (60, "Large (6 cm)")],
        required=False,
        empty_value=45,
        initial=45,
    )
    ec = forms.ChoiceField(
        label="Error correction",
        choices=[("M", "M (standard)"), ("Q", "Q (sturdier)"), ("H", "H (sturdiest)"), ("L", "L (smallest)")],
        required=False,
    )
    code = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, placements: list[str], codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].choices = [("", "All placements"), *[(p, p) for p in placements]]
        self.fields["code"].choices = [(code, code) for code in codes if qr.is_code(code)]
