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

        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import auth, checks  # noqa: F401  (checks registers the deployment checks)

        user_logged_in.connect(auth.on_logged_in, dispatch_uid="zhengxie.core.login_at")
        user_logged_out.connect(auth.on_logged_out, dispatch_uid="zhengxie.core.logout_audit")
