"""The login's second step, enrolling an authenticator, recovery codes, and an administrator's reset of a factor.

After the password, an account that has (or must have) a second factor is not logged in yet: the session holds a
pending login (the account, when, where to go next) for a few minutes. The second step checks a code from the
authenticator app or a recovery code, or (for an account that must have a factor and has none) enrols one;
only then is the session logged in. Failed codes count towards the account's lockout."""

import time

from django import forms
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from .. import permissions, selectors, two_factor
from ..auth import account_locked, record_attempt, record_lockout
from ..context import ip_of
from ..models import User
from ..services import audit_log
from .common import require, run_service

PENDING = "zx_pending_login"
PENDING_SECONDS = 300
NEW_CODES = "zx_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Authenticator code"), max_length=16,
        help_text=gettext_lazy("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True,
                                      "autocapitalize": "none"}),
    )


def begin(request, user, next_url: str):
    """After the password: remember the pending login and go to the second step (or to enrolment)."""
    request.session.cycle_key()
    request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time(), "next": next_url}
    return redirect("core:login_verify" if two_factor.has_factor(user) else "core:login_enrol")


def pending_user(request) -> User | None:
    data = request.session.get(PENDING)
    if not data or time.time() - data.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return User.objects.filter(pk=data["user"], is_active=True).first()


def finish(request, user, device, *, factor: str, to: str | None = None):
    """Log the session in (both factors checked) and go where the login was heading."""
    data = request.session.pop(PENDING)
    auth.login(request, user, backend=data["backend"])
    otp_login(request, device)
    record_attempt(user.username, ip_of(request), True, user=user)
    audit_log(actor=user, organisation=user.default_organisation, action="core.user.logged_in", obj=user,
              changes={"factor": factor})
    response = redirect(to or data["next"] or settings.LOGIN_REDIRECT_URL)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, max_age=365 * 86400, samesite="Lax")
    return response


def _expired(request):
    messages.error(request, _("The login took too long. Please log in again."))
    return redirect("core:login")


def _locked(request, user):
    request.session.pop(PENDING, None)
    messages.error(request, _("Too many failed attempts: this account is locked for %(minutes)d minutes.")
                   % {"minutes": settings.LOGIN_LOCKOUT_MINUTES})
    return redirect("core:login")


def _failed(request, user, form):
    record_attempt(user.username, ip_of(request), False, user=user)
    audit_log(actor=None, organisation=user.default_organisation, action="core.user.login_failed", obj=user,
              changes={"reason": "second_factor"})
    if account_locked(user):
        record_lockout(user)
        return _locked(request, user)
    form.add_error("code", _("The code is not right."))
    return None


def login_verify(request):
    user = pending_user(request)
    if user is None:
        return _expired(request)
    if account_locked(user):
        return _locked(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.check_code(user, form.cleaned_data["code"])
        if device is not None:
            return finish(request, user, device, factor="recovery_code" if device.name == two_factor.RECOVERY_NAME
                          else "totp")
        refused = _failed(request, user, form)
        if refused:
            return refused
    return render(request, "core/login_verify.html", {"form": form, "account": user},
                  status=400 if form.errors else 200)


def login_enrol(request):
    """Enrol an authenticator: as the second step of a login that needs one, or from the profile page."""
    user = request.user if request.user.is_authenticated else pending_user(request)
    if user is None:
        return _expired(request)
    if request.user.is_authenticated and two_factor.has_factor(user):
        return redirect("core:profile")
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = _("The six digits the app shows after you added the account.")
    if request.method == "POST" and form.is_valid():
        codes = run_service(request, lambda: two_factor.two_factor_enrol(
            user=user, device=device, code=form.cleaned_data["code"]), form=form)
        if codes:
            if request.user.is_authenticated:
                otp_login(request, device)
                response = redirect("core:recovery_codes")
            else:
                response = finish(request, user, device, factor="totp_enrolled", to=reverse("core:recovery_codes"))
            request.session[NEW_CODES] = codes
            messages.success(request, _("Two factors are on for your account."))
            return response
    return render(request, "core/login_enrol.html", {
        "form": form, "account": user, "qr": two_factor.qr_data_uri(device), "secret": two_factor.secret_text(device),
        "required": two_factor.factor_required(user)}, status=400 if form.errors else 200)


@login_required
def recovery_codes(request):
    """The recovery codes just made (shown once), or a form to make new ones with a current code."""
    codes = request.session.pop(NEW_CODES, None)
    form = CodeForm(request.POST or None)
    if codes is None and request.method == "POST" and form.is_valid():
        codes = run_service(request, lambda: two_factor.recovery_codes_renew(
            user=request.user, code=form.cleaned_data["code"]), form=form)
    if not two_factor.has_factor(request.user):
        return redirect("core:login_enrol")
    return render(request, "core/recovery_codes.html", {"codes": codes or None, "form": form})


@login_required
def two_factor_off(request):
    """Turn off an optional second factor (a current code is asked)."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(request, lambda: two_factor.two_factor_remove(user=request.user, code=form.cleaned_data["code"]),
                       success=_("Two factors are off for your account."), form=form):
            return redirect("core:profile")
    return render(request, "core/two_factor_off.html", {"form": form,
                                                        "required": two_factor.factor_required(request.user)})


@require(permissions.can_reset_factors)
@require_POST
def two_factor_reset(request, pk):
    account = get_object_or_404(selectors.accounts_of(request.user, request.organisation), pk=pk)
    run_service(request, lambda: two_factor.two_factor_reset(actor=request.user, organisation=request.organisation,
                                                             user=account),
                success=_("The account's second factor was removed: its next login enrols a new one."))
    return redirect("core:account_detail", pk=account.pk)
