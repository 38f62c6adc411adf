"""Background work of the search app: the similarity signature of an item, computed after it is saved."""

from django.apps import apps
from django.tasks import task

from .services import signature_store


@task()
def signature_update(model_label: str, object_id: str) -> bool:
    """Recompute the signature of one item (idempotent: the same item gives the same signature)."""
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        obj = model(pk=model._meta.pk.to_python(object_id))  # gone: signature_store drops its signature
    return signature_store(obj) is not None
