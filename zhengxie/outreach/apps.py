from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "zhengxie.outreach"
    label = "outreach"
    verbose_name = _("Members and the public")
