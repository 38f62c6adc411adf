"""The public list (no login): registered proposals an organisation publishes, and their accepted replies when it
publishes those too."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from zhengxie.core.models import Organisation
from zhengxie.core.views.common import paginate

from .. import selectors
from ..models import Reply
from ..org_settings import setting
from ..public_search import PublicFilterForm, public_search


def _organisation(pk):
    return get_object_or_404(Organisation, pk=pk, is_active=True)


def public_index(request):
    """The committees that publish proposals (by their setting, or a proposal made public one by one)."""
    organisations = selectors.publishing_organisations()
    return render(request, "proposals/public_index.html", {"organisations": organisations})


def public_list(request, org):
    organisation = _organisation(org)
    published = selectors.public_proposals(organisation)
    replies_public = bool(setting(organisation, "publish_replies"))
    form = PublicFilterForm(request.GET or None, organisation=organisation, proposals=published,
                            replies_public=replies_public)
    form.is_valid()  # a bad value is dropped; the other filters still apply
    data = getattr(form, "cleaned_data", {})
    qs = public_search(organisation, published, data)
    return render(request, "proposals/public_list.html", {"organisation": organisation, "page": paginate(request, qs, 20),
                                                          "form": form, "replies_public": replies_public,
                                                          "filtered": any(data.values())})


def public_detail(request, org, pk):
    organisation = _organisation(org)
    proposal = selectors.public_proposals(organisation).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    replies = []
    if setting(organisation, "publish_replies"):
        replies = list(Reply.objects.filter(task__proposal=proposal, accepted_at__isnull=False).select_related("task__unit").order_by("task_id", "round"))
    return render(request, "proposals/public_detail.html", {"organisation": organisation, "proposal": proposal,
                                                            "replies": replies})
