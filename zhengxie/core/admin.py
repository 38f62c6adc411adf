"""The Django admin: for platform administrators (superusers) and reference data only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from . import services
from .exceptions import DomainError
from .models import (
    AuditEntry,
    Body,
    HandlingUnit,
    Member,
    Organisation,
    Person,
    RoleAssignment,
    Sector,
    Session,
    SpecialCommittee,
    Term,
    User,
)

admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


class ReadOnlyAdmin(admin.ModelAdmin):
    """A table that changes only through its services (with history and audit): the admin shows it, never edits
    it. Every app's admin uses this for anything but reference data."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "level", "parent", "region_code", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "short_name", "region_code"]
    actions = ["load_national_sectors", "load_local_sectors", "load_county_sectors"]

    def _load(self, request, queryset, preset):
        from .services import sectors_load_preset

        added = sum(sectors_load_preset(actor=request.user, organisation=org, preset=preset) for org in queryset)
        self.message_user(request, _("%(n)d sectors added.") % {"n": added})

    @admin.action(description=_("Load the national sector list (34 sectors)"))
    def load_national_sectors(self, request, queryset):
        self._load(request, queryset, "national")

    @admin.action(description=_("Load a typical city sector list"))
    def load_local_sectors(self, request, queryset):
        self._load(request, queryset, "local")

    @admin.action(description=_("Load a typical county sector list"))
    def load_county_sectors(self, request, queryset):
        self._load(request, queryset, "county")


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["organisation", "name", "number", "starts_on", "ends_on", "is_current"]
    list_filter = ["is_current"]
    inlines = [SessionInline]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["organisation", "name", "kind", "sort_order"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name"]


@admin.register(SpecialCommittee)
class SpecialCommitteeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "name", "sort_order"]
    list_filter = ["organisation"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "name", "kind", "sector", "committee", "is_active"]
    list_filter = ["kind", "organisation"]


@admin.register(HandlingUnit)
class HandlingUnitAdmin(admin.ModelAdmin):
    list_display = ["organisation", "name", "kind", "is_active"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    """People change on the members' pages (with their history); here shown without the phone and ID number."""

    exclude = ["phone", "phone_digest", "id_number", "id_number_digest"]
    list_display = ["name", "gender", "affiliation", "work_unit"]
    search_fields = ["name"]  # phone and ID number are encrypted: no search by them
    list_filter = ["affiliation", "gender"]


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    """Seats change on the members' pages and by import, with their history and audit entries."""

    list_display = ["person", "organisation", "term", "sector", "committee", "status"]
    list_filter = ["organisation", "status", "is_standing_committee"]
    search_fields = ["person__name"]
    raw_id_fields = ["person"]


class RoleFormSet(BaseInlineFormSet):
    """New role rows are checked by the service's own rule (the superuser installs the three administrators only,
    separation of duties) and saved through it (audit entry, caches forgotten): see UserAdmin.save_formset."""

    request = None

    def clean(self):
        super().clean()
        for form in self.extra_forms:
            if not form.has_changed() or not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            try:
                services.role_grant_check(actor=self.request.user, organisation=data["organisation"],
                                          user=self.instance, role=data["role"])
            except DomainError as exc:
                form.add_error("role", exc.message)


class RoleInline(admin.TabularInline):
    """Roles: shown, and granted through the service; never edited or deleted here (the security administrator
    revokes a role on the account's page, with its audit entry)."""

    model = RoleAssignment
    formset = RoleFormSet
    extra = 0
    fields = ["organisation", "role", "handling_unit", "body", "committee", "is_active"]
    readonly_fields = ["is_active"]
    raw_id_fields = ["handling_unit", "body", "committee"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset

    def has_add_permission(self, request, obj=None):
        return obj is not None  # on the account's page once it exists (the rule reads the user's other roles)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "phone", "email", "is_active", "is_superuser"]
    search_fields = ["username", "display_name", "person__name"]  # the phone is encrypted: no search by it
    fieldsets = BaseUserAdmin.fieldsets + (("Zhengxie", {"fields": ("phone", "person", "display_name", "language", "default_organisation")}),)
    raw_id_fields = ["person"]
    inlines = [RoleInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        for row in formset.extra_forms:
            if row.has_changed() and not row.cleaned_data.get("DELETE"):
                data = row.cleaned_data
                services.role_grant(actor=request.user, organisation=data["organisation"], user=formset.instance,
                                    role=data["role"], handling_unit=data.get("handling_unit"),
                                    body=data.get("body"), committee=data.get("committee"))
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        return None


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "organisation", "action", "object_repr", "ip"]
    list_filter = ["organisation"]
    search_fields = ["action", "object_repr"]
