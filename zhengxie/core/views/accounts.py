"""Logging in and out, the user's profile and API tokens, and account management for administrators."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services, two_factor
from ..auth import account_locked, find_account, is_locked_out, record_attempt, record_lockout
from ..context import ip_of
from ..crypto import lookup_digest
from ..forms import LoginForm, RoleGrantForm, TokenForm, UserCreateForm
from ..models import ApiToken, Member, RoleAssignment
from ..passwords import password_change_reason
from . import two_factor as two_factor_views
from .common import paginate, require, run_service


class LoginView(auth_views.LoginView):
    """The one login form (the admin site's login comes here too). The lockout counts per account, whatever name
    or phone is typed; an account with a second factor goes on to the second step before it is logged in."""

    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        typed = request.POST.get("username", "")
        account = find_account(typed)
        if is_locked_out(typed, ip_of(request), user=account):
            form = self.get_form()
            form.is_valid()  # bind, so the page shows what was typed
            form.errors.clear()
            form.add_error(None, ValidationError(
                LoginForm.error_messages["locked"] % {"minutes": settings.LOGIN_LOCKOUT_MINUTES}, code="locked"))
            record_attempt(typed, ip_of(request), False, user=account)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.has_factor(user) or two_factor.factor_required(user):
            return two_factor_views.begin(self.request, user, self.get_success_url())
        record_attempt(form.cleaned_data["username"], ip_of(self.request), True, user=user)
        response = super().form_valid(form)
        services.audit_log(actor=user, organisation=user.default_organisation, action="core.user.logged_in",
                           obj=user, changes={"factor": "password"})
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, max_age=365 * 86400, samesite="Lax")
        return response

    def form_invalid(self, form):
        typed = self.request.POST.get("username", "")
        account = find_account(typed)
        record_attempt(typed, ip_of(self.request), False, user=account)
        org = account.default_organisation if account else None
        # A name that matches no account is kept masked: it may be a password typed in the wrong field.
        shown = {} if account else {"typed": (typed.strip()[:2] + "*" * max(0, len(typed.strip()) - 2))[:20]}
        services.audit_log(actor=None, organisation=org, action="core.user.login_failed", obj=account,
                           changes={**shown, "reason": "password"})
        if account is not None and account_locked(account):
            record_lockout(account)
        return super().form_invalid(form)


def admin_login(request):
    """The admin site's login is ours: one form, one lockout, the second factor."""
    target = request.GET.get("next") or "/admin/"
    return redirect(f"{reverse('core:login')}?{urlencode({'next': target})}")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing one's password (also when it is forced: set by an administrator, or expired)."""

    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:password_change_done")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, reason=password_change_reason(self.request.user))

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        services.audit_log(actor=user, organisation=user.default_organisation, action="core.user.password_changed",
                           obj=user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("core:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        services.audit_log(actor=None, organisation=user.default_organisation, action="core.user.password_reset",
                           obj=user)
        return response


@login_required
def profile(request):
    tokens = ApiToken.objects.filter(user=request.user)
    new_secret = request.session.pop("zx_new_token", None)
    form = TokenForm(user=request.user)
    if request.method == "POST":
        form = TokenForm(request.POST, user=request.user)
        if form.is_valid():
            result = run_service(request, lambda: services.api_token_create(
                user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"],
                code=form.cleaned_data.get("code")), form=form)
            if result:
                request.session["zx_new_token"] = result[1]
                return redirect("core:profile")
    roles = RoleAssignment.objects.filter(user=request.user, is_active=True).select_related("organisation", "handling_unit", "body")
    seats = request.user.person.seats.select_related("organisation", "term", "sector", "committee") if request.user.person_id else []
    return render(request, "core/profile.html", {
        "tokens": tokens, "form": form, "new_secret": new_secret, "role_assignments": roles, "seats": seats,
        "has_factor": two_factor.has_factor(request.user), "factor_required": two_factor.factor_required(request.user)})


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    run_service(request, lambda: services.api_token_revoke(user=request.user, token=token), success=_("The token was revoked."))
    return redirect("core:profile")


@require(permissions.can_view_accounts)
def accounts(request):
    org = request.organisation
    qs = selectors.accounts_of(request.user, org)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(username__icontains=q) | qs.filter(person__name__contains=q) | qs.filter(
            phone_digest=lookup_digest("phone", q) or "-")
    page = paginate(request, qs, 30)
    roles = {}
    for ra in RoleAssignment.objects.filter(organisation=org, user__in=[u.pk for u in page], is_active=True).select_related("handling_unit", "body"):
        roles.setdefault(ra.user_id, []).append(ra)
    locked = {u.pk for u in page if account_locked(u)}
    members = set(Member.objects.current().filter(organisation=org, person_id__in=[u.person_id for u in page if u.person_id])
                  .values_list("person_id", flat=True))
    create_form = UserCreateForm()
    if request.method == "POST":
        if not permissions.can_manage_accounts(request.user, org):
            raise PermissionDenied
        create_form = UserCreateForm(request.POST)
        if create_form.is_valid():
            data = create_form.cleaned_data
            user = run_service(request, lambda: services.user_create(
                actor=request.user, organisation=org, username=data["username"], password=data["password"],
                phone=data["phone"], email=data["email"], display_name=data["display_name"]),
                success=_("The account was created."), form=create_form)
            if user:
                return redirect("core:account_detail", pk=user.pk)
    return render(request, "core/accounts.html", {"page": page, "roles": roles, "locked": locked,
                                                  "can_create": permissions.can_manage_accounts(request.user, org),
                                                  "create_form": create_form, "q": q, "members": members})


@require(permissions.can_view_accounts)
def account_detail(request, pk):
    org = request.organisation
    account = get_object_or_404(selectors.accounts_of(request.user, org), pk=pk)
    form = RoleGrantForm(organisation=org)
    if request.method == "POST":
        if not permissions.can_manage_roles(request.user, org):
            raise PermissionDenied
        form = RoleGrantForm(request.POST, organisation=org)
        if form.is_valid():
            if run_service(request, lambda: services.role_grant(
                    actor=request.user, organisation=org, user=account, role=form.cleaned_data["role"],
                    handling_unit=form.cleaned_data["handling_unit"]), success=_("The role was granted."), form=form):
                return redirect("core:account_detail", pk=account.pk)
    assignments = RoleAssignment.objects.filter(organisation=org, user=account).select_related("handling_unit", "body")
    return render(request, "core/account_detail.html", {
        "account": account, "assignments": assignments, "form": form, "locked": account_locked(account),
        "has_factor": two_factor.has_factor(account), "may_reset_factor": permissions.can_reset_factors(request.user, org),
        "can_grant": permissions.can_manage_roles(request.user, org),
        "can_unlock": permissions.can_unlock_accounts(request.user, org)})


@require(permissions.can_manage_roles)
@require_POST
def role_revoke(request, pk):
    assignment = get_object_or_404(RoleAssignment, pk=pk, organisation=request.organisation)
    run_service(request, lambda: services.role_revoke(actor=request.user, assignment=assignment), success=_("The role was revoked."))
    return redirect("core:account_detail", pk=assignment.user_id)


@require(permissions.can_unlock_accounts)
@require_POST
def account_unlock(request, pk):
    account = get_object_or_404(selectors.accounts_of(request.user, request.organisation), pk=pk)
    run_service(request, lambda: services.account_unlock(actor=request.user, organisation=request.organisation, user=account),
                success=_("The account was unlocked."))
    return redirect("core:account_detail", pk=account.pk)
