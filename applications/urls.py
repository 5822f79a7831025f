from django.urls import path, re_path

from applications.views import accounts, organiser, school

app_name = "applications"
urlpatterns = [
    path("schools/sign-up/", accounts.signup, name="signup"),
    path("schools/confirm/<str:token>/", accounts.confirm_email, name="confirm_email"),
    path("school/", school.school_home, name="school"),
    path("school/register/", school.register_school, name="register_school"),
    path("school/applications/new/", school.application_new, name="application_new"),
    path("school/applications/<int:pk>/edit/", school.application_edit, name="application_edit"),
    path("school/applications/<int:pk>/withdraw/", school.application_withdraw, name="application_withdraw"),
    path("school/applications/upload/", school.application_upload, name="application_upload"),
    path("school/applications/upload/confirm/", school.application_upload_confirm, name="application_upload_confirm"),
    re_path(r"^school/applications/template\.(?P<extension>csv|xlsx)$", school.upload_template, name="upload_template"),
    path("organise/allocation/", organiser.allocation_current, name="allocation_current"),
    path("organise/events/<slug:slug>/allocation/", organiser.allocation, name="allocation"),
    path("organise/events/<slug:slug>/decisions/", organiser.decisions_publish, name="decisions_publish"),
    path("organise/allocation/runs/<int:pk>/", organiser.allocation_run, name="allocation_run"),
    path("organise/allocation/runs/<int:pk>/status/", organiser.allocation_run_status, name="allocation_run_status"),
    path("organise/allocation/runs/<int:pk>/apply/", organiser.allocation_run_apply, name="allocation_run_apply"),
    path(
        "organise/allocation/runs/<int:pk>/run.json", organiser.allocation_run_download, name="allocation_run_download"
    ),
]
