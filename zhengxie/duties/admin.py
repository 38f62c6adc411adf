"""The Django admin (platform administrators only): the ledger and the scores are read, never edited here —
they change through the services, so that scores stay derived and every change is audited."""

from django.contrib import admin

from zhengxie.core.admin import ReadOnlyAdmin

from .models import DutyEvent, RuleSet, Score, SelfReport


@admin.register(DutyEvent)
class DutyEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "member", "organisation", "kind", "title", "retracted_at"]
    list_filter = ["kind", "category", "year"]
    search_fields = ["member__person__name", "title"]
    list_select_related = ["member__person", "organisation"]


@admin.register(RuleSet)
class RuleSetAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "year", "name", "status", "version"]
    list_filter = ["status", "year"]


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ["member", "organisation", "year", "total", "band", "requirements_met", "computed_at"]
    list_filter = ["year", "requirements_met"]
    list_select_related = ["member__person", "organisation", "band"]


@admin.register(SelfReport)
class SelfReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "member", "organisation", "status", "submitted_at"]
    list_filter = ["status", "report_type"]
    list_select_related = ["member__person", "organisation"]
