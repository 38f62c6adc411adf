"""Keep the index in step with registered models (the decoupled hook signals are meant for)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

_connected = set()


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import index_object

    transaction.on_commit(lambda: index_object(instance))
    _queue_signature(instance)


def _deleted(sender, instance, **kwargs):
    from .services import remove_object

    remove_object(instance)
    _queue_signature(instance)


def _queue_signature(instance):
    from .registry import searchable_for

    searchable = searchable_for(type(instance))
    if searchable is None or searchable.similarity is None or instance.pk is None:
        return
    from zhengxie.core.outbox import enqueue_on_commit

    from .tasks import signature_update

    enqueue_on_commit(signature_update, instance._meta.label, str(instance.pk))


def connect(model):
    if model in _connected:
        return
    _connected.add(model)
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
