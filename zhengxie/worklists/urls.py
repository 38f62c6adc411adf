from django.urls import path

from .views import groups, items, others, rollup

app_name = "worklists"

urlpatterns = [
    path("", items.home, name="home"),
    path("lists/", items.lists, name="lists"),
    path("lists/<int:pk>/", items.list_detail, name="list"),
    path("lists/<int:pk>/export.<str:kind>", items.list_export, name="list_export"),
    path("lists/<int:pk>/import/", items.list_import, name="list_import"),
    path("lists/<int:pk>/new/", items.item_new, name="item_new"),
    path("import-template/", items.import_template, name="import_template"),
    path("items/<int:pk>/", items.item_detail, name="item"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/report/", items.item_report, name="item_report"),
    path("items/<int:pk>/note/", items.item_note, name="item_note"),
    path("items/<int:pk>/close/", items.item_close, name="item_close"),
    path("items/<int:pk>/cancel/", items.item_cancel, name="item_cancel"),
    path("items/<int:pk>/reopen/", items.item_reopen, name="item_reopen"),
    path("items/<int:pk>/attach/", items.item_attach, name="item_attach"),
    path("items/<int:pk>/milestones/<int:milestone_id>/", items.milestone_done, name="milestone_done"),
    path("items/<int:pk>/attachments/<int:attachment_id>/", items.attachment, name="attachment"),
    path("overdue/", items.overdue, name="overdue"),
    path("grasped/", items.grasped, name="grasped"),
    path("mine/", items.assigned, name="assigned"),
    path("projects/", others.pipeline, name="pipeline"),
    path("projects/<int:pk>/", others.project_detail, name="project"),
    path("projects/<int:pk>/move/", others.project_move, name="project_move"),
    path("recommendations/", others.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", others.recommendation_detail, name="recommendation"),
    path("recommendations/<int:pk>/<str:action>/", others.recommendation_move, name="recommendation_move"),
    path("committees/", rollup.rollup, name="rollup"),
    path("committees/<int:org_id>/", rollup.rollup_committee, name="rollup_committee"),
    path("groups/", groups.groups, name="groups"),
    path("groups/new/", groups.group_new, name="group_new"),
    path("groups/<int:pk>/", groups.group_detail, name="group"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/add/<str:what>/", groups.group_add, name="group_add"),
    path("groups/<int:pk>/meetings/<int:meeting_id>/", groups.group_meeting, name="group_meeting"),
    path("groups/<int:pk>/meetings/<int:meeting_id>/link/", groups.meeting_link, name="meeting_link"),
    path("groups/<int:pk>/meetings/<int:meeting_id>/issue/", groups.meeting_issue, name="meeting_issue"),
]
