from eventsite.roles import ORGANISERS, PRESENTERS, SCHOOL_CONTACTS, has_role


def roles(request):
    """Role flags for the navigation, so each role sees its own links."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_organiser": False, "is_presenter": False, "is_school_contact": False}
    return {
        "is_organiser": has_role(user, ORGANISERS),
        "is_presenter": has_role(user, PRESENTERS),
        "is_school_contact": has_role(user, SCHOOL_CONTACTS),
    }
