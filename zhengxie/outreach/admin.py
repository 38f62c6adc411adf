"""Read-mostly admin pages for the platform administrator; day-to-day work goes through the app's pages."""

from django.contrib import admin

from zhengxie.core.admin import ReadOnlyAdmin

from .models import Concern, OutreachActivity, Place


@admin.register(Place)
class PlaceAdmin(ReadOnlyAdmin):
    """Places change on their pages and by import, with their history."""

    list_display = ["name", "kind", "level", "organisation", "county", "township", "is_active"]
    list_filter = ["kind", "level", "is_active"]
    search_fields = ["name", "township", "village"]
    raw_id_fields = ["organisation", "lead_member", "sector"]
    readonly_fields = ["public_code", "level", "version"]


@admin.register(OutreachActivity)
class OutreachActivityAdmin(ReadOnlyAdmin):
    """Read-only: an activity (and its status) changes only through its services, with history and audit."""

    list_display = ["topic", "kind", "status", "held_on", "place"]
    list_filter = ["kind", "status"]
    search_fields = ["topic"]


@admin.register(Concern)
class ConcernAdmin(ReadOnlyAdmin):
    """Read-only: a concern changes only through its workflow."""

    list_display = ["reference", "category", "status", "source", "received_at"]
    list_filter = ["status", "source"]
    exclude = ["code_digest", "submitter_phone"]
