from django.urls import path

from feedback import views, views_public

app_name = "feedback"
urlpatterns = [
    # Students, on their phones (reached through a QR link).
    path("s/<slug:key>/", views_public.start, name="start"),
    path("s/<slug:key>/thanks/", views_public.thanks, name="thanks"),
    path("s/<slug:key>/<slug:code>/", views_public.answer, name="answer"),
    # Organisers.
    path("feedback/", views.survey_list, name="survey_list"),
    path("feedback/surveys/<int:pk>/", views.report, name="report"),
    path("feedback/surveys/<int:pk>/responses.csv", views.export_csv, name="export"),
    path("feedback/surveys/<int:pk>/share/", views.share, name="share"),
    path("feedback/surveys/<int:pk>/share/qr/", views.share_qr, name="share_qr"),
    path("feedback/surveys/<int:pk>/questions/<int:question_pk>/", views.question_answers, name="question_answers"),
    path("feedback/answers/<int:pk>/hidden/", views.answer_hidden, name="answer_hidden"),
]
