"""The demo accounts, as printed by ``make demo`` and listed in docs/demo-accounts.md."""

import unicodedata

from .choices import Role
from .demo_data import PASSWORD, SUPERUSER_TOTP_KEY
from .models import RoleAssignment, User

LISTED = ("gs", "ts", "jq", "qz", "sz", "qg")


def demo_account_rows():
    """(role label, organisation, username, password) for the listed organisations, from the database."""
    rows = []
    superuser = User.objects.filter(username="admin", is_superuser=True).first()
    if superuser:
        rows.append(("Platform administrator (superuser)", "—", "admin", PASSWORD))
    order = {value: index for index, value in enumerate(Role.values)}
    assignments = (
        RoleAssignment.objects.filter(user__username__regex=r"^(%s)_" % "|".join(LISTED))
        .select_related("user", "organisation").order_by("organisation__path", "user__username")
    )
    by_org = {}
    for ra in assignments:
        by_org.setdefault(ra.organisation, []).append((order[ra.role], str(Role(ra.role).label), ra.user.username))
    for user in User.objects.filter(username__regex=r"^(%s)_member$" % "|".join(LISTED)).select_related("default_organisation"):
        by_org.setdefault(user.default_organisation, []).append((order[Role.MEMBER], str(Role.MEMBER.label), user.username))
    for org in sorted(by_org, key=lambda o: o.path):
        for _rank, label, username in sorted(by_org[org]):
            rows.append((label, org.short_name, username, PASSWORD))
    return rows


def _pad(text: str, width: int) -> str:
    """Left-align for a terminal, where a Chinese character takes two columns."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - shown)


def print_accounts(stdout):
    rows = demo_account_rows()
    stdout.write("")
    stdout.write(f"Demo accounts (all passwords: {PASSWORD}); the full list is in docs/demo-accounts.md")
    for label, org, username, _password in rows:
        stdout.write(f"  {_pad(username, 16)}{_pad(org, 14)}{label}")
    stdout.write(f"`admin` also asks for a code: add the key {superuser_totp_secret()} to an authenticator app "
                 "(time-based). The demo organisations ask no other role for a second factor.")


def superuser_totp_secret() -> str:
    import base64

    return base64.b32encode(bytes.fromhex(SUPERUSER_TOTP_KEY)).decode()
