from django.contrib import admin

from zhengxie.core.admin import ReadOnlyAdmin

from .models import Alliance, Expert, JointActivity, OutsideCommittee


@admin.register(OutsideCommittee)
class OutsideCommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "region", "organisation")
    list_filter = ("level",)


@admin.register(Alliance)
class AllianceAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "organisation", "status", "founded_on")


@admin.register(Expert)
class ExpertAdmin(ReadOnlyAdmin):
    list_display = ("name", "field", "employer", "organisation", "is_active")
    exclude = ("phone", "email", "phone_digest")


@admin.register(JointActivity)
class JointActivityAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "organisation", "status", "starts_on")
    list_filter = ("status", "kind")
