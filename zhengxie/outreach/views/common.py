"""What the outreach pages share: adding a photo to a place, an activity or a concern."""

from django.contrib import messages
from django.utils.translation import gettext as _

from zhengxie.core.views.common import run_service

from ..forms import PhotoForm


def add_photo(request, add) -> None:
    """The posted photo given to ``add(upload)`` (the owner's service); a post without one is told to choose it."""
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(request, lambda: add(form.cleaned_data["photo"]), success=_("The photo was added."))
    else:
        messages.error(request, _("Choose a photo to upload."))
