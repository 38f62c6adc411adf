from django.urls import path

from .views import record, rules, self_reports, staff

app_name = "duties"

urlpatterns = [
    path("", record.home, name="home"),
    # the member's record
    path("record/", record.my_record, name="my_record"),
    path("members/<int:pk>/", record.member_record, name="member_record"),
    path("members/<int:pk>/report.docx", record.record_docx, name="record_docx"),
    path("members/<int:pk>/report.pdf", record.record_pdf, name="record_pdf"),
    path("members/<int:pk>/statement/", record.statement_save, name="statement"),
    path("members/<int:pk>/manual/", record.manual_add, name="manual_add"),
    path("manual/<int:pk>/retract/", record.manual_retract, name="manual_retract"),
    # self-reported duties
    path("self-reports/", self_reports.self_report_list, name="self_reports"),
    path("self-reports/new/", self_reports.self_report_new, name="self_report_new"),
    path("self-reports/<int:pk>/", self_reports.self_report_detail, name="self_report"),
    path("self-reports/<int:pk>/edit/", self_reports.self_report_edit, name="self_report_edit"),
    path("self-reports/<int:pk>/files/<int:file_pk>/", self_reports.self_report_file, name="self_report_file"),
    path("self-reports/<int:pk>/<slug:action>/", self_reports.self_report_action, name="self_report_action"),
    # staff views
    path("overview/", staff.overview, name="overview"),
    path("ranking/", staff.ranking, name="ranking"),
    path("ranking/export/", staff.ranking_export, name="ranking_export"),
    path("talks/", staff.talks, name="talks"),
    path("talks/export/", staff.talks_export, name="talks_export"),
    path("minimum/", staff.minimum, name="minimum"),
    path("minimum/export/", staff.minimum_export, name="minimum_export"),
    path("minimum/remind/", staff.minimum_remind, name="minimum_remind"),
    path("attendance/", staff.attendance, name="attendance"),
    path("attendance/export/", staff.attendance_export, name="attendance_export"),
    path("attendance/warn/", staff.attendance_warn, name="attendance_warn"),
    path("groups/", staff.groups, name="groups"),
    path("sectors/<int:pk>/", staff.sector_detail, name="sector"),
    path("committees/<int:pk>/", staff.committee_detail, name="committee"),
    # rules
    path("rules/", rules.rule_sets, name="rule_sets"),
    path("rules/new/", rules.rule_set_new, name="rule_set_new"),
    path("rules/<int:pk>/", rules.rule_set_detail, name="rule_set"),
    path("rules/<int:pk>/settings/", rules.rule_set_settings, name="rule_set_settings"),
    path("rules/<int:pk>/close/", rules.rule_set_close, name="rule_set_close"),
    path("rules/<int:pk>/reopen/", rules.rule_set_reopen, name="rule_set_reopen"),
    path("rules/<int:pk>/delete/", rules.rule_set_delete, name="rule_set_delete"),
    path("rules/<int:pk>/recompute/", rules.rule_set_recompute, name="rule_set_recompute"),
    path("rules/<int:pk>/rules/new/", rules.rule_edit, name="rule_new"),
    path("rules/<int:pk>/rules/<int:rule_pk>/", rules.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/rules/<int:rule_pk>/delete/", rules.rule_delete, name="rule_delete"),
    path("rules/<int:pk>/rules/<int:rule_pk>/move/", rules.rule_move, name="rule_move"),
    path("rules/<int:pk>/requirements/new/", rules.requirement_edit, name="requirement_new"),
    path("rules/<int:pk>/requirements/<int:requirement_pk>/", rules.requirement_edit, name="requirement_edit"),
    path("rules/<int:pk>/requirements/<int:requirement_pk>/delete/", rules.requirement_delete,
         name="requirement_delete"),
]
