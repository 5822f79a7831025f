from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from eventsite import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("applications.urls")),
    path("", include("timetable.urls")),
    path("", include("profiles.urls")),
    path("", include("feedback.urls")),
    path("", include("dashboard.urls")),
]

handler400 = "eventsite.views.bad_request"
handler403 = "eventsite.views.permission_denied"
handler404 = "eventsite.views.page_not_found"
handler500 = "eventsite.views.server_error"
