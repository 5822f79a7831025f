from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    # Public: no sign-in, no cookies.
    path("careers/", views.profile_index, name="profile_index"),
    path("careers/<slug:slug>/", views.profile_detail, name="profile_detail"),
    path("q/<str:code>", views.qr_scan, name="qr_scan"),
    # Organisers.
    path("organisers/careers/<slug:slug>/preview/", views.profile_preview, name="profile_preview"),
    path("organisers/careers/<slug:slug>/qr-links/", views.profile_qrlink_create, name="profile_qrlink_create"),
    path("organisers/qr/sheet/", views.qrlink_sheet, name="qrlink_sheet"),
    path("organisers/qr/report/", views.scan_report, name="scan_report"),
    path("organisers/qr/report.csv", views.scan_report_csv, name="scan_report_csv"),
    path("organisers/qr/<str:code>.png", views.qrlink_png, name="qrlink_png"),
    path("organisers/qr/<str:code>.svg", views.qrlink_svg, name="qrlink_svg"),
]
