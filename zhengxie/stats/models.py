"""Tables of the statistics app: the display tokens of the big screen (数据驾驶舱)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DisplayToken(models.Model):
    """A token that opens one organisation's big screen on a meeting-room display without a login, and nothing
    else. Only its SHA-256 digest is kept; the token itself is shown once, when it is made. Revoked: refused."""

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("display"), max_length=60, help_text=_("Where the screen is, e.g. 三楼常委会议室"))
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=8, help_text=_("The token's last characters, to tell tokens apart."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("display token")
        verbose_name_plural = _("display tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
