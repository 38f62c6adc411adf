from django.urls import path

from . import screen_views, summary_views, views

app_name = "stats"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/", views.export, name="export"),
    path("report.<str:fmt>", views.annual_report, name="report"),
    path("figures/<str:key>/", views.figure_records, name="figure"),
    path("figures/<str:key>/export/", views.figure_export, name="figure_export"),
    path("summary/", summary_views.summary, name="summary"),
    path("summary/mine/", summary_views.my_duty_summary, name="my_summary"),
    path("summary/member/<int:pk>/", summary_views.member_duty_summary, name="member_summary"),
    path("screen/", screen_views.screen, name="screen"),
    path("screen/data.json", screen_views.screen_json, name="screen_data"),
    path("screen/tokens/", screen_views.tokens, name="tokens"),
    path("screen/tokens/<int:pk>/revoke/", screen_views.token_revoke, name="token_revoke"),
    path("display/<str:token>/", screen_views.display, name="display"),
    path("display/<str:token>/data.json", screen_views.display_json, name="display_data"),
]
