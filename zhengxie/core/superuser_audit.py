"""The platform superuser is for installation only, and every use of it is audited: each change made in Django's
admin site becomes an entry of the audit chain (logins themselves are audited with everyone's)."""

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

FLAGS = {1: "added", 2: "changed", 3: "deleted"}


@receiver(post_save, sender=LogEntry, dispatch_uid="zhengxie.superuser_audit")
def audit_admin_site_change(sender, instance: LogEntry, created: bool, **kwargs):
    if not created:
        return
    from .services import audit_log

    audit_log(actor=instance.user, organisation=None,
              action=f"core.superuser.{FLAGS.get(instance.action_flag, 'acted')}",
              changes={"model": instance.content_type.model if instance.content_type_id else "",
                       "object_id": instance.object_id or "", "object": instance.object_repr[:200],
                       "message": instance.get_change_message()[:500]})
