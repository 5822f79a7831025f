"""A school contact's pages: register the school, then submit, edit and withdraw its students' applications.

Every lookup goes through the contact's own school (selectors.school_applications), so another school's
application is a 404 whatever id is guessed.
"""

import uuid
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from applications import selectors, services, spreadsheets
from applications.forms import ApplicationForm, ApplicationRowForm, SchoolForm, UploadForm
from applications.models import ApplicationStatus
from eventsite.models import Event
from eventsite.permissions import school_contact_required

TOKENS_KEY = "applications_form_tokens"
IMPORT_KEY = "applications_import"
TEMPLATE_NAME = "applications-template"


def with_school(view):
    """A school contact's view that needs their school: without one, the contact is sent to register it."""

    @school_contact_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        school = selectors.school_for_user(request.user)
        if school is None:
            return redirect("applications:register_school")
        return view(request, school, *args, **kwargs)

    return wrapped


def _current_event() -> Event | None:
    return Event.objects.current()


def _issue_token(request) -> str:
    """A one-time token for a form, so that sending the same form twice is caught before it reaches the database."""
    token = uuid.uuid4().hex
    tokens = request.session.get(TOKENS_KEY, [])[-19:]
    request.session[TOKENS_KEY] = [*tokens, token]
    return token


def _use_token(request) -> bool:
    tokens = request.session.get(TOKENS_KEY, [])
    token = request.POST.get("form_token", "")
    if token not in tokens:
        return False
    tokens.remove(token)
    request.session[TOKENS_KEY] = tokens
    return True


@school_contact_required
@require_http_methods(["GET", "POST"])
def register_school(request):
    if selectors.school_for_user(request.user) is not None:
        return redirect("applications:school")
    form = SchoolForm(request.POST or None, initial={"contact_email": request.user.email})
    if form.is_valid():
        try:
            services.school_register(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Your school is registered. An organiser will verify it.")
            return redirect("applications:school")
    return render(request, "applications/register_school.html", {"form": form})


@with_school
@require_safe
def school_home(request, school):
    event = _current_event()
    applications = list(selectors.school_applications(school).filter(event=event)) if event else []
    context = {
        "school": school,
        "event": event,
        "window_error": services.window_error(event) if event else None,
        "applications": applications,
        "active_count": sum(a.status != ApplicationStatus.WITHDRAWN for a in applications),
    }
    return render(request, "applications/school_home.html", context)


@with_school
@require_http_methods(["GET", "POST"])
def application_new(request, school):
    event = _current_event()
    if event is None:
        return redirect("applications:school")
    # Bound on every POST, even an empty one, so that a missing token can be reported on it.
    form = ApplicationForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and not _use_token(request):
        form.is_valid()
        form.add_error(None, "This form was sent already. Check your list of applications before sending it again.")
    elif form.is_valid():
        try:
            application = services.application_create(
                event=event, school=school, data=form.application_data(), by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The application for {application} has been received.")
            return redirect("applications:school")
    context = {
        "form": form,
        "event": event,
        "token": _issue_token(request),
        "window_error": services.window_error(event),
    }
    return render(request, "applications/application_form.html", context)


@with_school
@require_http_methods(["GET", "POST"])
def application_edit(request, school, pk: int):
    application = get_object_or_404(selectors.school_applications(school), pk=pk)
    initial = {
        "first_name": application.first_name,
        "surname": application.surname,
        "year_group": application.year_group,
        "statement": application.statement,
        "guardian_name": application.guardian_name,
        "consent_date": application.consent_date,
        "photo_consent": application.photo_consent,
        **{f"choice_{choice.rank}": choice.service_area_id for choice in application.choices.all()},
    }
    form = ApplicationForm(request.POST or None, event=application.event, editing=True, initial=initial)
    if form.is_valid():
        try:
            services.application_update(
                application=application, data=form.application_data(), keep_needs=form.keep_needs, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The application for {application} has been updated.")
            return redirect("applications:school")
    context = {
        "form": form,
        "event": application.event,
        "application": application,
        "window_error": services.window_error(application.event),
    }
    return render(request, "applications/application_form.html", context)


@with_school
@require_http_methods(["GET", "POST"])
def application_withdraw(request, school, pk: int):
    application = get_object_or_404(selectors.school_applications(school), pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.application_withdraw(application=application, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, f"The application for {application} has been withdrawn.")
            return redirect("applications:school")
    return render(request, "applications/application_withdraw.html", {"application": application, "error": error})


def _row_forms(event: Event, rows: list[dict[str, str]]) -> list[ApplicationRowForm]:
    areas = list(event.service_areas.order_by("order", "name"))
    forms = [ApplicationRowForm(row, event=event, areas=areas) for row in rows]
    for form in forms:
        form.is_valid()
    return forms


def _preview(event: Event, school, rows: list[dict[str, str]]) -> dict:
    """Check every row: its own fields (forms), then the rules (the service's checks, as on saving)."""
    forms = _row_forms(event, rows)
    valid = [form.application_data() for form in forms if form.is_valid()]
    row_errors, general = services.import_errors(event=event, school=school, rows=valid)
    valid_index = [i for i, form in enumerate(forms) if form.is_valid()]
    for position, errors in row_errors.items():
        for field, messages_ in errors.items():
            for message in messages_:
                forms[valid_index[position]].add_error(field if field in forms[0].fields else None, message)
    return {"forms": forms, "general": general, "ok": not general and all(f.is_valid() and not f.errors for f in forms)}


@with_school
@require_http_methods(["GET", "POST"])
def application_upload(request, school):
    event = _current_event()
    if event is None:
        return redirect("applications:school")
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "event": event, "window_error": services.window_error(event)}
    if request.method == "POST" and form.is_valid():
        request.session[IMPORT_KEY] = {"event": event.pk, "school": school.pk, "rows": form.rows}
        context |= _preview(event, school, form.rows)
    return render(request, "applications/application_upload.html", context)


@with_school
@require_POST
def application_upload_confirm(request, school):
    stored = request.session.get(IMPORT_KEY)
    event = _current_event()
    if not stored or event is None or stored["event"] != event.pk or stored["school"] != school.pk:
        messages.error(request, "Upload the spreadsheet again: its preview has expired.")
        return redirect("applications:application_upload")
    preview = _preview(event, school, stored["rows"])
    if preview["ok"]:
        try:
            created = services.applications_import(
                event=event,
                school=school,
                rows=[form.application_data() for form in preview["forms"]],
                by=request.user,
            )
        except services.ImportRowsError:
            preview = _preview(event, school, stored["rows"])
        else:
            del request.session[IMPORT_KEY]
            messages.success(request, f"{len(created)} applications have been received.")
            return redirect("applications:school")
    context = {"form": UploadForm(), "event": event, "window_error": services.window_error(event), **preview}
    return render(request, "applications/application_upload.html", context)


@with_school
@require_safe
def upload_template(request, school, extension: str):
    event = _current_event()
    if extension == "csv":
        return HttpResponse(
            spreadsheets.template_csv(),
            content_type=spreadsheets.CSV_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{TEMPLATE_NAME}.csv"'},
        )
    areas = list(event.service_areas.values_list("name", flat=True)) if event else []
    return HttpResponse(
        spreadsheets.template_xlsx(areas),
        content_type=spreadsheets.XLSX_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{TEMPLATE_NAME}.xlsx"'},
    )
