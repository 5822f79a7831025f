from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django_ratelimit.decorators import ratelimit

from eventsite import views
from eventsite.forms import QueuedPasswordResetForm

# Per client address, on top of django-axes' lockout per account: sign-in attempts and reset e-mails.
login_limit = ratelimit(group="login", key="ip", rate="30/m", method="POST", block=True)
reset_limit = ratelimit(group="password-reset", key="ip", rate="5/h", method="POST", block=True)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "accounts/login/",
        login_limit(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path(
        "accounts/password_reset/",
        reset_limit(auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm)),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("profiles.urls")),  # first: QR scans and careers pages are the busiest paths
    path("", include("applications.urls")),
    path("", include("timetable.urls")),
    path("", include("feedback.urls")),
    path("", include("dashboard.urls")),
]

# Uploaded job-profile photos: served by Django in development only; in production the web server in front
# serves DJANGO_MEDIA_ROOT (see README, Deployment).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "eventsite.views.bad_request"
handler403 = "eventsite.views.permission_denied"
handler404 = "eventsite.views.page_not_found"
handler500 = "eventsite.views.server_error"
