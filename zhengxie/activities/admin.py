"""Read-only admin views of the activities app, for platform administrators: every change goes through the
services (the pages of the app), so the admin only shows."""

from django.contrib import admin

from zhengxie.core.admin import ReadOnlyAdmin

from .models import Activity, Contest, OutcomeReport, Plan, Question, Topic


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "type", "meeting_type", "starts_at", "status"]
    list_filter = ["type", "status", "organisation"]
    search_fields = ["title", "location"]
    date_hierarchy = "starts_at"


@admin.register(OutcomeReport)
class OutcomeReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "kind", "suggestion_count", "status", "adopted_at"]
    list_filter = ["kind", "status"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "year", "kind"]


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "opens_at", "closes_at", "status"]


@admin.register(Contest)
class ContestAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "opens_at", "closes_at", "status"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ["text", "organisation", "kind", "category", "is_active"]
    list_filter = ["kind", "is_active"]
