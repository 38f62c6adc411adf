from django.contrib import admin

from zhengxie.core.admin import ReadOnlyAdmin

from .models import InvestmentProject, Item, ListKind, Recommendation, WorkList


@admin.register(ListKind)
class ListKindAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "organisation", "sort_order", "is_active")
    list_filter = ("organisation",)


for model in (WorkList, Item, Recommendation, InvestmentProject):
    admin.site.register(model, ReadOnlyAdmin)
