from django.urls import path

from . import pwa, views

app_name = "channels"

urlpatterns = [
    path("s/<str:code>", views.short, name="short"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("channels/", views.deliveries, name="deliveries"),
    path("channels/notices/<int:pk>/", views.notice_route, name="notice_route"),
    path("channels/settings/", views.configs, name="configs"),
    path("channels/settings/<slug:channel>/", views.config_edit, name="config_edit"),
    path("channels/texts/", views.text_list, name="texts"),
    path("channels/texts/<slug:kind>/<slug:channel>/<str:language>/", views.text_edit, name="text_edit"),
    path("channels/mine/", views.preferences, name="preferences"),
    path("me/", views.me, name="mine"),
]
