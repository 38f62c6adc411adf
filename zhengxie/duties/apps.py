from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutiesConfig(AppConfig):
    name = "zhengxie.duties"
    label = "duties"
    verbose_name = _("Duty records")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the scores to the ledger)
