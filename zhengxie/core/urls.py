from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .views import accounts, administration, members, shell, two_factor

app_name = "core"

urlpatterns = [
    path("", shell.workbench, name="workbench"),
    path("switch-organisation/", shell.switch_organisation, name="switch_organisation"),
    path("language/", shell.set_language, name="set_language"),
    path("inbox/", shell.inbox, name="inbox"),
    path("inbox/<int:pk>/", shell.inbox_open, name="inbox_open"),
    path("inbox/read/", shell.inbox_mark_read, name="inbox_mark_read"),
    path("inbox/badge/", shell.unread_badge, name="unread_badge"),
    # accounts
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/login/verify/", two_factor.login_verify, name="login_verify"),
    path("accounts/two-factor/", two_factor.login_enrol, name="login_enrol"),
    path("accounts/two-factor/recovery/", two_factor.recovery_codes, name="recovery_codes"),
    path("accounts/two-factor/off/", two_factor.two_factor_off, name="two_factor_off"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", accounts.profile, name="profile"),
    path("accounts/tokens/<int:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="core/password_change_done.html"), name="password_change_done"),
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(
        template_name="core/password_reset.html", email_template_name="core/email/password_reset.txt",
        subject_template_name="core/email/password_reset_subject.txt",
        success_url=reverse_lazy("core:password_reset_done")), name="password_reset"),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="core/password_reset_done.html"), name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="core/password_reset_complete.html"), name="password_reset_complete"),
    # administration
    path("manage/", administration.manage_home, name="manage"),
    path("manage/accounts/", accounts.accounts, name="accounts"),
    path("manage/accounts/<int:pk>/", accounts.account_detail, name="account_detail"),
    path("manage/accounts/<int:pk>/unlock/", accounts.account_unlock, name="account_unlock"),
    path("manage/accounts/<int:pk>/two-factor/reset/", two_factor.two_factor_reset, name="two_factor_reset"),
    path("manage/roles/<int:pk>/revoke/", accounts.role_revoke, name="role_revoke"),
    path("manage/audit/", administration.audit_log, name="audit_log"),
    path("manage/audit/export/", administration.audit_export, name="audit_export"),
    path("manage/settings/", administration.organisation_settings, name="settings"),
    path("manage/units/", administration.handling_units, name="handling_units"),
    path("manage/units/new/", administration.handling_unit_edit, name="handling_unit_create"),
    path("manage/units/<int:pk>/", administration.handling_unit_edit, name="handling_unit_edit"),
    # members
    path("members/", members.member_list, name="member_list"),
    path("members/export/", members.member_export, name="member_export"),
    path("members/new/", members.member_edit, name="member_create"),
    path("members/import/", members.member_import_view, name="member_import"),
    path("members/import/template/", members.member_import_template, name="member_import_template"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/photo/", members.member_photo, name="member_photo"),
    path("members/<int:pk>/status/", members.member_status, name="member_status"),
]
