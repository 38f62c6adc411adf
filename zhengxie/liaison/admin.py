from django.contrib import admin

from zhengxie.core.admin import ReadOnlyAdmin

from .models import ContactAssignment, ContactVisit, InfoItem, Inquiry, Topic


@admin.register(InfoItem)
class InfoItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "department", "status", "published_at")
    list_filter = ("status", "kind")


@admin.register(Inquiry)
class InquiryAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "unit", "status", "due_on")
    list_filter = ("status",)


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "year", "number", "source", "status")
    list_filter = ("status", "source", "year")


@admin.register(ContactAssignment)
class ContactAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "organisation", "kind", "status")
    list_filter = ("status", "kind")


@admin.register(ContactVisit)
class ContactVisitAdmin(ReadOnlyAdmin):
    list_display = ("visited_on", "assignment", "contact", "way", "status")
    list_filter = ("status", "way")
