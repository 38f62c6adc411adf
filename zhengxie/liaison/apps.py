from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "zhengxie.liaison"
    label = "liaison"
    verbose_name = _("Working with the government and across committees")
