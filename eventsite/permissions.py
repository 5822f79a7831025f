"""View guards by role: anonymous users go to the login page, users without the role get a 403."""

from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from eventsite.roles import ORGANISERS, PRESENTERS, SCHOOL_CONTACTS, has_role


def role_required(role: str):
    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, role):
                raise PermissionDenied(f"This page is for {role.lower()} only.")
            return view(request, *args, **kwargs)

        return guarded

    return decorator


organiser_required = role_required(ORGANISERS)
presenter_required = role_required(PRESENTERS)
school_contact_required = role_required(SCHOOL_CONTACTS)


class RoleRequiredMixin(AccessMixin):
    """Class-based form of role_required: set `role` on the view."""

    role: str = ORGANISERS

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, self.role):
            raise PermissionDenied(f"This page is for {self.role.lower()} only.")
        return super().dispatch(request, *args, **kwargs)
