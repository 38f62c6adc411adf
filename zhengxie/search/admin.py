"""Admin page for the platform administrator: the units renamed or merged over the years, used by the handling-unit
suggestion (the signatures and the index are rebuilt by ``manage.py`` commands, not edited by hand)."""

from django.contrib import admin

from .models import UnitSuccession


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["old", "new", "since", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["old__name", "new__name"]
    raw_id_fields = ["organisation", "old", "new"]
