"""Helpers shared by the app's views."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404

from zhengxie.core.exceptions import NotAllowed
from zhengxie.core.files import attachment_response
from zhengxie.core.models import Attachment
from zhengxie.core.views.common import organisation_required

from .. import selectors
from ..models import Activity, OutcomeReport, Speech, Topic


def _may_see(user, owner) -> bool:
    """The owner is in the user's list (the same rule as its detail page)."""
    if isinstance(owner, (Speech, OutcomeReport)):
        owner = owner.activity
    if isinstance(owner, Activity):
        return selectors.activities_visible_to(user, owner.organisation).filter(pk=owner.pk).exists()
    if isinstance(owner, Topic):
        return selectors.topics_visible_to(user, owner.organisation).filter(pk=owner.pk).exists()
    return False


@organisation_required
def attachment_download(request, pk):
    """A file of an activity, a speech, a report or a topic, for whoever may see its owner."""
    types = ContentType.objects.get_for_models(Activity, Speech, OutcomeReport, Topic).values()
    attachment = get_object_or_404(Attachment, pk=pk, organisation=request.organisation, content_type__in=types)
    if not _may_see(request.user, attachment.owner):
        raise NotAllowed()
    return attachment_response(attachment)
