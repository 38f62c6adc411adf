from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.core import validators
        from django.db.models import fields
        from django.utils.module_loading import autodiscover_modules

        # Django's placeholder of every select ("- Select an option -") has no Chinese translation of its own:
        # one wording of ours, for all forms (Django's documented hook for this).
        fields.BLANK_CHOICE_LABEL = _("Choose…")
        # Django's length message reads "确保该变量包含不超过 200 字符" in Chinese: one plain wording for all fields.
        validators.MaxLengthValidator.message = ngettext_lazy(
            "At most %(limit_value)d character (now %(show_value)d).",
            "At most %(limit_value)d characters (now %(show_value)d).", "limit_value")

        # Each app's org_settings.py registers its settings; workbench.py its navigation and to-do items;
        # figures.py its statistics; search.py what can be searched.
        autodiscover_modules("org_settings", "workbench", "figures", "search")

        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import auth, checks, superuser_audit  # noqa: F401  (the deployment checks, the admin-site audit)

        user_logged_in.connect(auth.on_logged_in, dispatch_uid="zhengxie.core.login_at")
        user_logged_out.connect(auth.on_logged_out, dispatch_uid="zhengxie.core.logout_audit")
