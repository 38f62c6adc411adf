"""Forms of the meeting tools: a matter put to the vote, the seating plan, a meeting material."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .forms import MultipleFileField
from .models.seating import MaterialKind, SeatingOrder
from .services.seating import MAX_PER_ROW
from .voting_rules import MotionKind, VoteChoice


class MotionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of matter"), choices=MotionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text put to the vote"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    secret = forms.BooleanField(label=_("Secret ballot"), required=False,
                                help_text=_("Who voted is recorded, never how. Personnel matters are always secret."))


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)


class SeatingForm(forms.Form):
    order = forms.ChoiceField(label=_("Arrange"), choices=SeatingOrder.choices, initial=SeatingOrder.SECTOR)
    per_row = forms.IntegerField(label=_("Seats per row"), min_value=1, max_value=MAX_PER_ROW, initial=10)


class SeatMoveForm(forms.Form):
    row = forms.IntegerField(label=pgettext_lazy("seating", "Row"), min_value=1, max_value=999)
    number = forms.IntegerField(label=pgettext_lazy("seating", "Seat"), min_value=1, max_value=999)


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices, initial=MaterialKind.DOCUMENT)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(label=_("Files"))
