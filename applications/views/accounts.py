"""A school contact signs up with an e-mail address and a password, then confirms the address from an e-mail."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from applications import services
from applications.forms import SignupForm


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def signup(request):
    if request.user.is_authenticated:
        return redirect("applications:school")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and getattr(request, "limited", False):
        form.add_error(None, "Too many sign-ups from this address. Try again in an hour.")
    elif form.is_valid():
        try:
            services.school_contact_signup(email=form.cleaned_data["email"], password=form.cleaned_data["password1"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "applications/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "applications/signup.html", {"form": form})


@require_safe
def confirm_email(request, token: str):
    try:
        services.school_contact_confirm(token=token)
    except ValidationError as exc:
        return render(request, "applications/confirm_failed.html", {"reason": exc.messages[0]}, status=400)
    messages.success(request, "Your e-mail address is confirmed. Sign in to register your school.")
    return redirect("login")
