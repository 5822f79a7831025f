"""Pages of the timetable: a presenter's week and sessions, the organisers' grid and exports, and the public
group week reached by QR code."""

from collections import defaultdict
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from applications.models import HomeGroup
from eventsite.permissions import organiser_required, presenter_required
from eventsite.roles import ORGANISERS, PRESENTERS, has_role
from eventsite.selectors import event_or_404
from timetable import exports, selectors, services
from timetable.forms import (
    ChangeRequestForm,
    MoveForm,
    PresenterProfileForm,
    ResolveChangeRequestForm,
    RotationForm,
    SessionForm,
    UnavailabilityForm,
)
from timetable.models import (
    ChangeRequest,
    ChangeRequestStatus,
    Presenter,
    PublicTimetable,
    Room,
    Session,
    SessionState,
    Unavailability,
)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _message_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _calendar_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Presenters


def presenter_or_organiser_required(view):
    """Session pages: for the presenters who own them, and for organisers."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (has_role(request.user, PRESENTERS) or has_role(request.user, ORGANISERS)):
            raise PermissionDenied("This page is for staff presenters and organisers only.")
        return view(request, *args, **kwargs)

    return guarded


@presenter_required
@require_safe
def my_week(request):
    event = event_or_404()
    presenter = Presenter.objects.filter(user=request.user).select_related("organisation").first()
    sessions = list(selectors.sessions_for_presenter(event, request.user))
    by_day = defaultdict(list)
    for session in sessions:
        by_day[session.day_index].append(session)
    context = {
        "event": event,
        "presenter": presenter,
        "days": [(day, by_day.get(index, [])) for index, day in enumerate(event.days)],
        "session_count": len(sessions),
        "unavailability": presenter.unavailability.filter(event=event) if presenter else [],
        "unavailability_form": UnavailabilityForm(event=event),
        "change_requests": ChangeRequest.objects.filter(requested_by=request.user, session__event=event)
        .select_related("session")
        .order_by("-created_at"),
    }
    return render(request, "timetable/my_week.html", context)


@presenter_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    presenter = Presenter.objects.filter(user=request.user).first()
    initial = {"organisation": presenter.organisation_id, "job_title": presenter.job_title} if presenter else {}
    form = PresenterProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.presenter_profile_save(
            user=request.user, organisation=form.organisation_to_save(), job_title=form.cleaned_data["job_title"]
        )
        messages.success(request, "Your details are saved.")
        return redirect("timetable:my_week")
    return render(request, "timetable/my_profile.html", {"form": form})


def _own_presenter(request) -> Presenter | None:
    return Presenter.objects.filter(user=request.user).first()


@presenter_required
@require_http_methods(["GET", "POST"])
def session_new(request):
    event = event_or_404()
    presenter = _own_presenter(request)
    if presenter is None:
        messages.info(request, "First tell us which organisation you are from.")
        return redirect("timetable:my_profile")
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(event=event, by=request.user, details=form.details(include=presenter))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"'{session.title}' is saved as a draft. Submit it when it is ready.")
            return redirect("timetable:session_detail", pk=session.pk)
    return render(request, "timetable/session_form.html", {"form": form, "event": event, "new": True})


def _session_for(request, pk: int) -> Session:
    session = get_object_or_404(selectors.with_details(Session.objects.all()), pk=pk)
    if not services.can_edit(session, request.user):
        raise PermissionDenied("You can only see and change the sessions you entered or present.")
    return session


@presenter_or_organiser_required
@require_safe
def session_detail(request, pk: int):
    session = _session_for(request, pk)
    clashes = services.would_clash(session) if session.state != SessionState.CANCELLED else []
    return render(
        request,
        "timetable/session_detail.html",
        {
            "session": session,
            "clashes": clashes,
            "editable": session.state in services.EDITABLE_BY_PRESENTER or has_role(request.user, ORGANISERS),
        },
    )


@presenter_or_organiser_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk: int):
    session = _session_for(request, pk)
    if session.state not in services.EDITABLE_BY_PRESENTER and not has_role(request.user, ORGANISERS):
        messages.info(request, f"'{session.title}' is {session.get_state_display().lower()}: ask for a change.")
        return redirect("timetable:change_request", pk=session.pk)
    form = SessionForm(request.POST or None, event=session.event, initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, by=request.user, details=form.details())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"'{form.cleaned_data['title']}' is saved.")
            return redirect("timetable:session_detail", pk=session.pk)
    return render(request, "timetable/session_form.html", {"form": form, "event": session.event, "session": session})


@presenter_or_organiser_required
@require_POST
def session_submit(request, pk: int):
    session = _session_for(request, pk)
    try:
        services.session_submit(session=session, by=request.user)
    except ValidationError as error:
        _message_errors(request, error)
    else:
        messages.success(request, f"'{session.title}' is submitted to the organisers.")
    return redirect("timetable:session_detail", pk=session.pk)


@presenter_or_organiser_required
@require_POST
def session_delete(request, pk: int):
    session = _session_for(request, pk)
    services.session_delete(session=session, by=request.user)
    messages.success(request, f"The draft '{session.title}' is deleted.")
    return redirect("timetable:my_week")


@presenter_or_organiser_required
@require_http_methods(["GET", "POST"])
def change_request(request, pk: int):
    session = _session_for(request, pk)
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_request_create(session=session, by=request.user, message=form.cleaned_data["message"])
        messages.success(request, "Your request is with the organisers.")
        return redirect("timetable:my_week")
    return render(request, "timetable/change_request.html", {"form": form, "session": session})


@presenter_required
@require_POST
def unavailability_add(request):
    event = event_or_404()
    presenter = _own_presenter(request)
    if presenter is None:
        return redirect("timetable:my_profile")
    form = UnavailabilityForm(request.POST, event=event)
    if form.is_valid():
        try:
            services.unavailability_add(presenter=presenter, event=event, **form.cleaned_data)
        except ValidationError as error:
            _message_errors(request, error)
        else:
            messages.success(request, "Noted: the organisers will not place you then.")
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("timetable:my_week")


@presenter_required
@require_POST
def unavailability_delete(request, pk: int):
    try:
        services.unavailability_delete(user=request.user, pk=pk)
    except Unavailability.DoesNotExist as exc:
        raise Http404("No such unavailable time of yours.") from exc
    messages.success(request, "Removed.")
    return redirect("timetable:my_week")


@presenter_required
@require_safe
def my_calendar(request):
    event = event_or_404()
    presenter = get_object_or_404(Presenter, user=request.user)
    sessions = selectors.sessions_of_presenter(presenter).filter(event=event)
    name = f"{presenter.name} — {event.name}"
    return _calendar_response(exports.calendar(sessions, name=name), exports.filename(presenter.name, ext="ics"))


# Organisers


def _grid_rows(by: str, sessions, rooms, groups):
    """Rows of the grid (rooms or home groups), each with one cell of sessions per day."""
    if by == "group":
        keys = [(group.pk, group.name) for group in groups]

        def placed(session):
            ids = {g.pk for g in session.home_groups.all()}
            ids |= {sub.home_group_id for sub in session.sub_groups.all()}
            ids |= {visit.home_group_id for visit in session.visits.all()}
            return ids or ({g.pk for g in groups} if session.for_everyone else set())
    else:
        keys = [(room.pk, room.name) for room in rooms]

        def placed(session):
            return {session.room_id} if session.room_id else set()

    cells = defaultdict(list)
    for session in sessions:
        for key in placed(session):
            cells[key, session.day_index].append(session)
    return keys, cells


@organiser_required
@require_safe
def grid(request):
    event = event_or_404()
    by = "group" if request.GET.get("by") == "group" else "room"
    sessions = list(selectors.sessions_for_event(event, states=(SessionState.SUBMITTED, SessionState.SCHEDULED)))
    rooms = list(selectors.rooms_for_event(event))
    groups = list(selectors.home_groups_for_event(event))
    clashes = selectors.timetable_clashes(event, sessions)
    scheduled = [s for s in sessions if s.state == SessionState.SCHEDULED]
    keys, cells = _grid_rows(by, scheduled, rooms, groups)
    days = list(enumerate(event.days))
    rows = [(name, [cells.get((key, index), []) for index, _ in days]) for key, name in keys]
    for session in sessions:
        session.clashes = clashes.by_session.get(session.pk, [])
    context = {
        "event": event,
        "by": by,
        "days": days,
        "rows": rows,
        "rooms": rooms,
        "submitted": [s for s in sessions if s.state == SessionState.SUBMITTED],
        "clashes": clashes.all,
        "blocking_count": len(clashes.blocking),
        "change_requests": ChangeRequest.objects.filter(session__event=event, status=ChangeRequestStatus.OPEN)
        .select_related("session", "requested_by")
        .order_by("created_at"),
    }
    return render(request, "timetable/grid.html", context)


def _back_to_grid(request):
    by = request.POST.get("by")
    return redirect(reverse("timetable:grid") + ("?by=group" if by == "group" else ""))


@organiser_required
@require_POST
def session_move(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    form = MoveForm(request.POST, event=session.event)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, f"'{session.title}' was not moved: {message}")
        return _back_to_grid(request)
    try:
        clashes = services.session_move(session=session, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, f"Not moved. {message}")
    else:
        messages.success(request, f"'{session.title}' moved to {form.cleaned_data['starts_at']:%H:%M}.")
        for clash in clashes:
            messages.warning(request, clash.reason)
    return _back_to_grid(request)


@organiser_required
@require_POST
def session_schedule(request, pk: int):
    session = get_object_or_404(Session, pk=pk)
    try:
        warnings = services.session_schedule(session=session, by=request.user)
    except ValidationError as error:
        _message_errors(request, error)
    else:
        messages.success(request, f"'{session.title}' is scheduled.")
        for clash in warnings:
            messages.warning(request, clash.reason)
    return _back_to_grid(request)


@organiser_required
@require_POST
def session_cancel(request, pk: int):
    session = get_object_or_404(Session, pk=pk)
    services.session_cancel(session=session, by=request.user)
    messages.success(request, f"'{session.title}' is cancelled.")
    return _back_to_grid(request)


@organiser_required
@require_POST
def change_request_resolve(request, pk: int):
    change = get_object_or_404(ChangeRequest, pk=pk)
    form = ResolveChangeRequestForm(request.POST)
    if form.is_valid():
        services.change_request_resolve(change_request=change, by=request.user, **form.cleaned_data)
        messages.success(
            request, f"The request about '{change.session.title}' is {change.get_status_display().lower()}."
        )
    return _back_to_grid(request)


@organiser_required
@require_http_methods(["GET", "POST"])
def rotation_new(request):
    event = event_or_404()
    form = RotationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rotation = services.rotation_create(
                home_group=data["home_group"],
                title=data["title"],
                service_area_id=data["service_area"].pk,
                activities=[services.Activity(title=title, room=room) for title, room in data["activities"]],
                day_index=data["day_index"],
                first_start=data["first_start"],
                slot_minutes=data["slot_minutes"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"'{rotation.title}' is scheduled for {rotation.home_group.name}.")
            return redirect(reverse("timetable:grid") + "?by=group")
    return render(request, "timetable/rotation_form.html", {"form": form, "event": event})


@organiser_required
@require_safe
def group_list(request):
    event = event_or_404()
    groups = list(selectors.sessions_per_home_group(event).select_related("public_timetable"))
    qr_links = selectors.public_qr_links(event)
    for group in groups:
        link = getattr(group, "public_timetable", None)
        group.qr_link = qr_links.get(link.path) if link else None
    return render(
        request,
        "timetable/group_list.html",
        {
            "event": event,
            "groups": groups,
            "rooms": selectors.rooms_for_event(event),
            "presenters": selectors.staff_involved(event),
        },
    )


@organiser_required
@require_POST
def group_public_link(request, pk: int):
    """Give a home group its public week and a QR link to print for it."""
    home_group = get_object_or_404(HomeGroup.objects.select_related("event"), pk=pk)
    services.public_timetable_publish(home_group=home_group, by=request.user)
    messages.success(request, f"The public week of {home_group.name} and its QR code are ready.")
    return redirect("timetable:group_list")


@organiser_required
@require_safe
def programme_csv(request):
    event = event_or_404()
    content = exports.programme_csv(selectors.sessions_for_event(event))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(event.name, "programme", ext="csv")}"'
    return response


@organiser_required
@require_safe
def room_calendar(request, pk: int):
    room = get_object_or_404(Room.objects.select_related("event"), pk=pk)
    content = exports.calendar(selectors.sessions_in_room(room), name=f"{room.name} — {room.event.name}")
    return _calendar_response(content, exports.filename(room.name, ext="ics"))


@organiser_required
@require_safe
def presenter_calendar(request, pk: int):
    presenter = get_object_or_404(Presenter.objects.select_related("user"), pk=pk)
    content = exports.calendar(selectors.sessions_of_presenter(presenter), name=presenter.name)
    return _calendar_response(content, exports.filename(presenter.name, ext="ics"))


# The public week of one home group, reached by its QR code


def _public_link(token: str):
    try:
        return selectors.public_timetable(token)
    except PublicTimetable.DoesNotExist as error:
        raise Http404("No timetable has that address.") from error


@require_safe
def public_week(request, token: str):
    link = _public_link(token)
    group = link.home_group
    by_day = defaultdict(list)
    for session in selectors.sessions_for_home_group(group):
        by_day[session.day_index].append(session)
    days = [(day, by_day.get(index, [])) for index, day in enumerate(group.event.days)]
    return render(
        request, "timetable/public_week.html", {"group": group, "event": group.event, "days": days, "token": token}
    )


@require_safe
def public_calendar(request, token: str):
    link = _public_link(token)
    group = link.home_group
    content = exports.calendar(
        selectors.sessions_for_home_group(group), name=f"{group.name} — {group.event.name}", public=True
    )
    return _calendar_response(content, exports.filename(group.name, ext="ics"))
