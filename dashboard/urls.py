from django.urls import path, re_path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("organise/dashboard/", views.dashboard, name="dashboard"),
    path("organise/dashboard/live/", views.live, name="live"),
    path("organise/impact/", views.impact_current, name="impact_current"),
    path("organise/events/<slug:slug>/impact/", views.impact_report, name="impact"),
    re_path(
        r"^organise/events/(?P<slug>[-\w]+)/impact\.(?P<extension>csv|json)$",
        views.impact_download,
        name="impact_download",
    ),
]
