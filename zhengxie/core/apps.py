from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app's org_settings.py registers its settings; workbench.py its navigation and to-do items;
        # figures.py its statistics; search.py what can be searched.
        autodiscover_modules("org_settings", "workbench", "figures", "search")
        from . import checks, superuser_audit  # noqa: F401 (register the start-up checks and the admin-site audit)
