from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "zhengxie.channels"
    label = "channels"
    verbose_name = _("Notice channels")

    def ready(self):
        from zhengxie.core import notices

        from . import org_settings, routing, workbench  # noqa: F401  (registrations)

        notices.set_dispatcher(routing.route)
