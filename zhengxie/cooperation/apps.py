from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "zhengxie.cooperation"
    label = "cooperation"
    verbose_name = _("Think tank and cooperation")

    def ready(self):
        from . import panels  # noqa: F401  (the fragment on an activity's page)
