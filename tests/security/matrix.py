"""The permission matrix: for every named URL, what each role gets for GET and for POST.

Expected answers are a status code, LOGIN (a redirect to the sign-in page), ADMIN_LOGIN (a redirect to the admin's
sign-in page) or `to(prefix)` (a redirect elsewhere). `student` is a person without an account who has opened a
survey (so holds its device cookie); everything public is public to them too.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.security.conftest import ROLES, World

LOGIN = "login"
ADMIN_LOGIN = "admin-login"
SCHOOLS = ("school_a", "school_b")
PRESENTERS = ("presenter_a", "presenter_b")
ANONYMOUS = ("anonymous", "student")
# A guard's refusals: the role never reaches the view, so the method does not matter.
REFUSALS = (LOGIN, ADMIN_LOGIN, 403)


def to(prefix: str) -> tuple[str, str]:
    return ("redirect", prefix)


def same(answer) -> dict:
    return dict.fromkeys(ROLES, answer)


def _roles(default, **answers) -> dict:
    table = same(default)
    table.update(answers)
    return table


def organisers(ok=200) -> dict:
    return _roles(403, anonymous=LOGIN, student=LOGIN, organiser=ok, superuser=ok)


def presenters(ok=200, superuser=None) -> dict:
    """Staff presenters' own pages; a superuser holds every role but has no presenter record."""
    return _roles(403, anonymous=LOGIN, student=LOGIN, presenter_a=ok, presenter_b=ok, superuser=superuser or ok)


def own_session(ok=200) -> dict:
    """Presenter A's session: A and organisers; presenter B gets a 403."""
    return _roles(403, anonymous=LOGIN, student=LOGIN, presenter_a=ok, organiser=ok, superuser=ok)


NO_SCHOOL = to("/school/register/")  # a superuser holds the school role but belongs to no school


def school_contacts(ok=200) -> dict:
    return _roles(403, anonymous=LOGIN, student=LOGIN, school_a=ok, school_b=ok, superuser=NO_SCHOOL)


def own_school(ok=200) -> dict:
    """School A's application: school A only; school B gets a 404, as for an id that does not exist."""
    return _roles(403, anonymous=LOGIN, student=LOGIN, school_a=ok, school_b=404, superuser=NO_SCHOOL)


def signed_in(ok=200) -> dict:
    return _roles(ok, anonymous=LOGIN, student=LOGIN)


def method_refused(get: dict, code: int = 405, checked_later: tuple[str, ...] = ()) -> dict:
    """Where the role guard comes before the method check: its refusals stay, the rest get `code`. Roles in
    `checked_later` are refused only by the object lookup, which comes after the method check."""
    return {
        role: answer if (answer in REFUSALS or answer == NO_SCHOOL) and role not in checked_later else code
        for role, answer in get.items()
    }


@dataclass(frozen=True)
class Row:
    get: dict
    post: dict
    kwargs: Callable[[World], dict] = lambda w: {}
    data: Callable[[World], dict] = lambda w: {}


def safe_only(get: dict, *, guard_first: bool = True, checked_later: tuple[str, ...] = (), **kw) -> Row:
    """A page that answers GET (and HEAD) only."""
    return Row(get=get, post=method_refused(get, checked_later=checked_later) if guard_first else same(405), **kw)


def post_only(post: dict, *, guard_first: bool = True, checked_later: tuple[str, ...] = (), **kw) -> Row:
    """An action that answers POST only."""
    return Row(get=method_refused(post, checked_later=checked_later) if guard_first else same(405), post=post, **kw)


def application_data(w: World) -> dict:
    return {
        "first_name": "Changed",
        "surname": "By another school",
        "year_group": "10",
        "statement": "I want to see what happens.",
        "guardian_name": "A Parent",
        "consent_date": "2030-03-01",
        "choice_1": str(w.areas[0].pk),
    }


HOME = to("/")
SCHOOL_HOME = to("/school/")

MATRIX: dict[str, Row] = {
    # Site-wide pages
    "home": safe_only(same(200), guard_first=False),
    "healthz": safe_only(same(200), guard_first=False),
    "privacy": safe_only(same(200), guard_first=False),
    "login": Row(get=_roles(HOME, anonymous=200, student=200), post=_roles(HOME, anonymous=200, student=200)),
    "logout": Row(get=same(405), post=same(HOME)),
    "password_change": Row(get=signed_in(), post=signed_in()),
    "password_change_done": Row(get=signed_in(), post=method_refused(signed_in())),
    "password_reset": Row(get=same(200), post=same(200)),
    "password_reset_done": safe_only(same(200), guard_first=False),
    "password_reset_confirm": Row(
        get=same(200), post=same(200), kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}
    ),
    "password_reset_complete": safe_only(same(200), guard_first=False),
    # Schools
    "applications:signup": Row(
        get=_roles(SCHOOL_HOME, anonymous=200, student=200), post=_roles(SCHOOL_HOME, anonymous=200, student=200)
    ),
    "applications:confirm_email": safe_only(same(400), guard_first=False, kwargs=lambda w: {"token": "not-a-token"}),
    "applications:school": safe_only(school_contacts()),
    "applications:register_school": Row(
        get={**school_contacts(SCHOOL_HOME), "superuser": 200}, post={**school_contacts(SCHOOL_HOME), "superuser": 200}
    ),
    "applications:application_new": Row(get=school_contacts(), post=school_contacts()),
    "applications:application_edit": Row(
        get=own_school(),
        post=own_school(SCHOOL_HOME),
        kwargs=lambda w: {"pk": w.application_a.pk},
        data=application_data,
    ),
    "applications:application_withdraw": Row(
        get=own_school(), post=own_school(SCHOOL_HOME), kwargs=lambda w: {"pk": w.application_a.pk}
    ),
    "applications:application_upload": Row(get=school_contacts(), post=school_contacts()),
    "applications:application_upload_confirm": post_only(school_contacts(to("/school/applications/upload/"))),
    "applications:upload_template": safe_only(school_contacts(), kwargs=lambda w: {"extension": "csv"}),
    # Organisers: allocation
    "applications:allocation_current": safe_only(organisers(to("/organise/events/eow-security/allocation/"))),
    "applications:allocation": Row(
        get=organisers(),
        post=organisers(to("/organise/allocation/runs/")),
        kwargs=lambda w: {"slug": w.event.slug},
        data=lambda w: {"event_capacity": "10", "seed": "1", f"group_{w.home_group.pk}": "21"},
    ),
    "applications:decisions_publish": post_only(
        organisers(to("/organise/events/eow-security/allocation/")), kwargs=lambda w: {"slug": w.event.slug}
    ),
    "applications:allocation_run": safe_only(organisers(), kwargs=lambda w: {"pk": w.allocation_run.pk}),
    "applications:allocation_run_status": safe_only(organisers(), kwargs=lambda w: {"pk": w.allocation_run.pk}),
    "applications:allocation_run_apply": post_only(
        organisers(to("/organise/allocation/runs/")), kwargs=lambda w: {"pk": w.allocation_run.pk}
    ),
    "applications:allocation_run_download": safe_only(organisers(), kwargs=lambda w: {"pk": w.allocation_run.pk}),
    # Staff presenters
    "timetable:my_week": safe_only(presenters()),
    "timetable:my_profile": Row(get=presenters(), post=presenters()),
    "timetable:my_calendar": safe_only(presenters(superuser=404)),
    "timetable:unavailability_add": post_only(presenters(to("/timetable/my/"))),
    "timetable:unavailability_delete": post_only(
        _roles(403, anonymous=LOGIN, student=LOGIN, presenter_a=to("/timetable/my/"), presenter_b=404, superuser=404),
        kwargs=lambda w: {"pk": w.unavailability_a.pk},
    ),
    "timetable:session_new": Row(
        get=presenters(superuser=to("/timetable/my/details/")), post=presenters(superuser=to("/timetable/my/details/"))
    ),
    "timetable:session_detail": safe_only(
        own_session(), checked_later=("presenter_b",), kwargs=lambda w: {"pk": w.session_a.pk}
    ),
    "timetable:session_edit": Row(get=own_session(), post=own_session(), kwargs=lambda w: {"pk": w.session_a.pk}),
    "timetable:session_submit": post_only(
        own_session(to("/timetable/sessions/")), kwargs=lambda w: {"pk": w.session_a.pk}, checked_later=("presenter_b",)
    ),
    "timetable:session_delete": post_only(
        own_session(to("/timetable/my/")), kwargs=lambda w: {"pk": w.session_a.pk}, checked_later=("presenter_b",)
    ),
    "timetable:change_request": Row(get=own_session(), post=own_session(), kwargs=lambda w: {"pk": w.session_a.pk}),
    # Organisers: the timetable
    "timetable:grid": safe_only(organisers()),
    "timetable:session_move": post_only(organisers(to("/timetable/grid/")), kwargs=lambda w: {"pk": w.session_a.pk}),
    "timetable:session_schedule": post_only(
        organisers(to("/timetable/grid/")), kwargs=lambda w: {"pk": w.session_a.pk}
    ),
    "timetable:session_cancel": post_only(organisers(to("/timetable/grid/")), kwargs=lambda w: {"pk": w.session_a.pk}),
    "timetable:change_request_resolve": post_only(
        organisers(to("/timetable/grid/")), kwargs=lambda w: {"pk": w.change_request_a.pk}
    ),
    "timetable:rotation_new": Row(get=organisers(), post=organisers()),
    "timetable:group_list": safe_only(organisers()),
    "timetable:group_public_link": post_only(
        organisers(to("/timetable/groups/")), kwargs=lambda w: {"pk": w.home_group.pk}
    ),
    "timetable:programme_csv": safe_only(organisers()),
    "timetable:room_calendar": safe_only(organisers(), kwargs=lambda w: {"pk": w.room.pk}),
    "timetable:presenter_calendar": safe_only(organisers(), kwargs=lambda w: {"pk": w.presenter_a.pk}),
    # Public: a home group's week
    "timetable:public_week": safe_only(same(200), guard_first=False, kwargs=lambda w: {"token": w.public_week.token}),
    "timetable:public_calendar": safe_only(
        same(200), guard_first=False, kwargs=lambda w: {"token": w.public_week.token}
    ),
    # Public: careers and QR codes
    "profiles:profile_index": safe_only(same(200), guard_first=False),
    "profiles:profile_detail": safe_only(same(200), guard_first=False, kwargs=lambda w: {"slug": w.profile.slug}),
    "profiles:qr_scan": safe_only(
        same(to("/careers/dietitian/")), guard_first=False, kwargs=lambda w: {"code": w.qr_link.code}
    ),
    # Organisers: careers and QR codes
    "profiles:profile_preview": safe_only(organisers(), kwargs=lambda w: {"slug": w.draft_profile.slug}),
    "profiles:profile_qrlink_create": post_only(
        organisers(to("/organisers/careers/porter/preview/")),
        kwargs=lambda w: {"slug": w.draft_profile.slug},
        data=lambda w: {"placement": "Stand 4"},
    ),
    "profiles:qrlink_sheet": safe_only(organisers()),
    "profiles:scan_report": safe_only(organisers()),
    "profiles:scan_report_csv": safe_only(organisers()),
    "profiles:qrlink_png": safe_only(organisers(), kwargs=lambda w: {"code": w.qr_link.code}),
    "profiles:qrlink_svg": safe_only(organisers(), kwargs=lambda w: {"code": w.qr_link.code}),
    # Public: surveys (closed in the application window: the page says so)
    "feedback:start": Row(get=same(200), post=same(200), kwargs=lambda w: {"key": w.survey.key}),
    "feedback:thanks": safe_only(same(200), guard_first=False, kwargs=lambda w: {"key": w.survey.key}),
    "feedback:answer": Row(
        get=same(200), post=same(200), kwargs=lambda w: {"key": w.survey.key, "code": w.survey_group.code}
    ),
    # Organisers: feedback
    "feedback:survey_list": safe_only(organisers(), guard_first=False),
    "feedback:report": safe_only(organisers(), guard_first=False, kwargs=lambda w: {"pk": w.survey.pk}),
    "feedback:export": safe_only(organisers(), guard_first=False, kwargs=lambda w: {"pk": w.survey.pk}),
    "feedback:share": safe_only(organisers(), guard_first=False, kwargs=lambda w: {"pk": w.survey.pk}),
    "feedback:share_qr": post_only(
        organisers(to("/feedback/surveys/")),
        guard_first=False,
        kwargs=lambda w: {"pk": w.survey.pk},
        data=lambda w: {"group": w.survey_group.pk},
    ),
    "feedback:question_answers": safe_only(
        organisers(), guard_first=False, kwargs=lambda w: {"pk": w.survey.pk, "question_pk": w.text_question.pk}
    ),
    "feedback:answer_hidden": post_only(
        organisers(to("/feedback/surveys/")),
        guard_first=False,
        kwargs=lambda w: {"pk": w.text_answer.pk},
        data=lambda w: {"hidden": "1"},
    ),
    # Organisers: dashboard and impact report
    "dashboard:dashboard": safe_only(organisers(), guard_first=False),
    "dashboard:live": safe_only(organisers(), guard_first=False),
    "dashboard:impact_current": safe_only(organisers(to("/organise/events/eow-security/impact/")), guard_first=False),
    "dashboard:impact": safe_only(organisers(), guard_first=False, kwargs=lambda w: {"slug": w.event.slug}),
    "dashboard:impact_download": safe_only(
        organisers(), guard_first=False, kwargs=lambda w: {"slug": w.event.slug, "extension": "csv"}
    ),
}
