from django.urls import path

from .views import activities, concerns, figures, places, public

app_name = "outreach"

urlpatterns = [
    path("", places.index, name="index"),
    path("mine/", places.mine, name="mine"),
    # places
    path("places/", places.place_list, name="place_list"),
    path("places/export/", places.place_export, name="place_export"),
    path("places/posters/", places.place_posters, name="place_posters"),
    path("places/new/", places.place_edit, name="place_create"),
    path("places/import/", places.place_import_view, name="place_import"),
    path("places/import/template/", places.place_import_template, name="place_import_template"),
    path("places/<int:pk>/", places.place_detail, name="place_detail"),
    path("places/<int:pk>/edit/", places.place_edit, name="place_edit"),
    path("places/<int:pk>/team/", places.place_team, name="place_team"),
    path("places/<int:pk>/rate/", places.place_rate, name="place_rate"),
    path("places/<int:pk>/poster/", places.place_poster, name="place_poster"),
    path("places/<int:pk>/photos/", places.place_photo_add, name="place_photo_add"),
    path("places/<int:pk>/photos/<int:attachment_id>/", places.place_photo, name="place_photo"),
    path("places/<int:pk>/photos/<int:attachment_id>/remove/", places.place_photo_remove, name="place_photo_remove"),
    # activities
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/export/", activities.activity_export, name="activity_export"),
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/record/", activities.activity_record, name="activity_record"),
    path("activities/<int:pk>/cancel/", activities.activity_cancel, name="activity_cancel"),
    path("activities/<int:pk>/photos/", activities.activity_photo_add, name="activity_photo_add"),
    path("activities/<int:pk>/photos/<int:attachment_id>/", activities.activity_photo, name="activity_photo"),
    # concerns
    path("concerns/", concerns.concern_list, name="concern_list"),
    path("concerns/export/", concerns.concern_export, name="concern_export"),
    path("concerns/similar/", concerns.concern_similar, name="concern_similar"),
    path("concerns/new/", concerns.concern_register, name="concern_register"),
    path("concerns/<int:pk>/", concerns.concern_detail, name="concern_detail"),
    path("concerns/<int:pk>/photos/", concerns.concern_photo_add, name="concern_photo_add"),
    path("concerns/<int:pk>/photos/<int:attachment_id>/", concerns.concern_photo, name="concern_photo"),
    path("concerns/<int:pk>/<slug:action>/", concerns.concern_action, name="concern_action"),
    # figures
    path("figures/", figures.figures_page, name="figures"),
    path("figures/export/", figures.figures_export, name="figures_export"),
    # the public page (no account)
    path("public/", public.public_index, name="public_index"),
    path("public/c/<int:org_id>/", public.public_organisation, name="public_organisation"),
    path("public/p/<str:code>/", public.public_place, name="public_place"),
    path("public/p/<str:code>/photos/<int:attachment_id>/", public.public_place_photo, name="public_place_photo"),
    path("public/challenge/<str:nonce>.png", public.public_challenge_image, name="public_challenge_image"),
    path("public/challenge/<str:nonce>.wav", public.public_challenge_audio, name="public_challenge_audio"),
    path("public/track/", public.public_track, name="public_track"),
    path("public/feedback/", public.public_feedback, name="public_feedback"),
]
