"""The public survey forms: the room code, and the answers (one field per question, built from the survey)."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.core import signing

from feedback.models import CODE_LENGTH, NAME_LIMIT, Question, QuestionKind, Survey

TOKEN_SALT = "feedback.submission"  # noqa: S105 -- a signing salt, not a secret


def field_name(question_id: int) -> str:
    return f"q{question_id}"


def sign_submission_token(survey: Survey, token: str) -> str:
    return signing.dumps(token, salt=f"{TOKEN_SALT}:{survey.key}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Room code",
        max_length=CODE_LENGTH + 4,
        help_text=f"The {CODE_LENGTH}-character code shown in your room, e.g. K7P4QX.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Start the survey", css_class="btn-lg"))


class ResponseForm(forms.Form):
    """One field per question. Choices come from the survey, so an option of another question is refused here;
    feedback.services.response_submit checks everything again before it writes."""

    submission = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, survey: Survey, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = questions
        if not survey.anonymous:
            self.fields["name"] = forms.CharField(
                label="Your first name", max_length=NAME_LIMIT, required=False, help_text="Optional."
            )
        for question in questions:
            self.fields[field_name(question.pk)] = self._field(question)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "submission",
            *(["name"] if "name" in self.fields else []),
            *(InlineRadios(field_name(q.pk)) if q.kind == QuestionKind.RATING else field_name(q.pk) for q in questions),
        )

    def _field(self, question: Question) -> forms.Field:
        common = {"label": question.text, "required": question.required, "help_text": question.help_text}
        required = {"required": "Please answer this question."}
        if question.kind == QuestionKind.RATING:
            points = range(question.scale_min, question.scale_max + 1)
            choices = [(p, str(p)) for p in points]
            hint = f"{question.scale_min} = {question.min_label or 'lowest'}, {question.scale_max} = " + (
                question.max_label or "highest"
            )
            common["help_text"] = " ".join(filter(None, [question.help_text, hint]))
            return forms.TypedChoiceField(
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                error_messages={
                    **required,
                    "invalid_choice": f"Choose a number from {question.scale_min} to {question.scale_max}.",
                },
                **common,
            )
        if question.kind in (QuestionKind.SINGLE, QuestionKind.YES_NO):
            return forms.TypedChoiceField(
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={**required, "invalid_choice": "Choose one of the options shown."},
                **common,
            )
        if question.kind == QuestionKind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                error_messages={**required, "invalid_choice": "Choose from the options shown."},
                **common,
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=question.max_length,
            error_messages={**required, "max_length": f"Please keep this to {question.max_length} characters."},
            **common,
        )

    def answers(self) -> dict[int, int | str | list[int] | None]:
        """The cleaned answers by question id, for feedback.services.response_submit."""
        return {q.pk: self.cleaned_data.get(field_name(q.pk)) for q in self.questions}

    def submission_token(self) -> str | None:
        """The one-time token this form was rendered with, or None when it was tampered with."""
        try:
            return signing.loads(self.cleaned_data["submission"], salt=f"{TOKEN_SALT}:{self.survey.key}")
        except signing.BadSignature:
            return None
