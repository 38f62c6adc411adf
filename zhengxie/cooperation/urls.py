from django.urls import path

from .views import alliances, experts, joint

app_name = "cooperation"

urlpatterns = [
    path("", experts.home, name="home"),
    path("experts/", experts.expert_list, name="expert_list"),
    path("experts/new/", experts.expert_new, name="expert_new"),
    path("experts/import/", experts.expert_import_view, name="expert_import"),
    path("experts/import/template/", experts.expert_import_template, name="expert_import_template"),
    path("experts/<int:pk>/", experts.expert_detail, name="expert_detail"),
    path("experts/<int:pk>/edit/", experts.expert_edit, name="expert_edit"),
    path("experts/<int:pk>/account/", experts.expert_account, name="expert_account"),
    path("experts/<int:pk>/contributions/", experts.contribution_add, name="contribution_add"),
    path("contributions/<int:pk>/adopt/", experts.contribution_adopt, name="contribution_adopt"),
    path("activities/<int:activity_id>/experts/", experts.activity_experts, name="activity_experts"),
    path("invitations/<int:pk>/", experts.invitation_detail, name="invitation_detail"),
    path("invitations/<int:pk>/answer/", experts.invitation_answer, name="invitation_answer"),
    path("invitations/<int:pk>/attended/", experts.invitation_attended, name="invitation_attended"),
    path("mine/", experts.my_invitations, name="my_invitations"),
    path("alliances/", alliances.alliance_list, name="alliance_list"),
    path("alliances/new/", alliances.alliance_new, name="alliance_new"),
    path("alliances/<int:pk>/", alliances.alliance_detail, name="alliance_detail"),
    path("alliances/<int:pk>/members/", alliances.alliance_member_add, name="alliance_member_add"),
    path("alliances/<int:pk>/host/", alliances.alliance_host, name="alliance_host"),
    path("alliances/<int:pk>/plan/", alliances.plan_item_add, name="plan_item_add"),
    path("alliances/<int:pk>/deliberation/", alliances.alliance_deliberation, name="alliance_deliberation"),
    path("alliances/<int:pk>/plan/<int:item_id>/", alliances.plan_item_status, name="plan_item_status"),
    path("joint/", joint.joint_list, name="joint_list"),
    path("joint/new/", joint.joint_new, name="joint_new"),
    path("joint/<int:pk>/", joint.joint_detail, name="joint_detail"),
    path("joint/<int:pk>/organisers/", joint.joint_add_organiser, name="joint_add_organiser"),
    path("joint/<int:pk>/link/", joint.joint_link, name="joint_link"),
    path("joint/<int:pk>/report/", joint.joint_report, name="joint_report"),
    path("joint/<int:pk>/cancel/", joint.joint_cancel, name="joint_cancel"),
    path("joint/<int:pk>/deliberation/", joint.joint_deliberation, name="joint_deliberation"),
]
