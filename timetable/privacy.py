"""What the timetable holds about a subject: a student's sub-group, and a staff account's presenter record and
change requests. It holds no student's name, so purging an event changes nothing here (sub-groups keep their
anonymised members, and the figures stay)."""

from timetable.models import ChangeRequest, Presenter, SubGroupMember


def export_subject(*, application=None, user=None) -> dict | None:
    if application is not None:
        member = SubGroupMember.objects.filter(application=application).select_related("sub_group").first()
        return {"sub_group": member.sub_group.name if member else None}
    presenter = Presenter.objects.filter(user=user).select_related("organisation").first()
    requests = ChangeRequest.objects.filter(requested_by=user).select_related("session").order_by("created_at")
    if presenter is None and not requests:
        return None
    return {
        "presenter": (
            {"organisation": presenter.organisation.name, "job_title": presenter.job_title} if presenter else None
        ),
        "change_requests": [
            {"session": r.session.title, "message": r.message, "created_at": r.created_at.isoformat()} for r in requests
        ],
    }
