from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorklistsConfig(AppConfig):
    name = "zhengxie.worklists"
    label = "worklists"
    verbose_name = _("Work lists and supervision")

    def ready(self):
        from . import receivers  # noqa: F401  (promises made in other apps become tracked items)
