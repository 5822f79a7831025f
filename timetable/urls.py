from django.urls import path

from timetable import views

app_name = "timetable"
urlpatterns = [
    # Staff presenters
    path("timetable/my/", views.my_week, name="my_week"),
    path("timetable/my/details/", views.my_profile, name="my_profile"),
    path("timetable/my/calendar.ics", views.my_calendar, name="my_calendar"),
    path("timetable/my/unavailability/", views.unavailability_add, name="unavailability_add"),
    path("timetable/my/unavailability/<int:pk>/delete/", views.unavailability_delete, name="unavailability_delete"),
    path("timetable/sessions/new/", views.session_new, name="session_new"),
    path("timetable/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("timetable/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("timetable/sessions/<int:pk>/submit/", views.session_submit, name="session_submit"),
    path("timetable/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("timetable/sessions/<int:pk>/change/", views.change_request, name="change_request"),
    # Organisers
    path("timetable/grid/", views.grid, name="grid"),
    path("timetable/sessions/<int:pk>/move/", views.session_move, name="session_move"),
    path("timetable/sessions/<int:pk>/schedule/", views.session_schedule, name="session_schedule"),
    path("timetable/sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("timetable/changes/<int:pk>/resolve/", views.change_request_resolve, name="change_request_resolve"),
    path("timetable/rotations/new/", views.rotation_new, name="rotation_new"),
    path("timetable/groups/", views.group_list, name="group_list"),
    path("timetable/groups/<int:pk>/public-link/", views.group_public_link, name="group_public_link"),
    path("timetable/programme.csv", views.programme_csv, name="programme_csv"),
    path("timetable/rooms/<int:pk>/calendar.ics", views.room_calendar, name="room_calendar"),
    path("timetable/presenters/<int:pk>/calendar.ics", views.presenter_calendar, name="presenter_calendar"),
    # Public: a home group's week, by its unguessable token
    path("week/<slug:token>/", views.public_week, name="public_week"),
    path("week/<slug:token>/calendar.ics", views.public_calendar, name="public_calendar"),
]
