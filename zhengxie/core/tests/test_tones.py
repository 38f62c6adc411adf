"""Choices that carry their badge colour (core/tones.py)."""

import pytest
from django.db import models
from django.template import Context, Template

from zhengxie.core.tones import toned
from zhengxie.proposals.choices import ProposalStatus
from zhengxie.proposals.models import Proposal


@toned(draft="secondary", open="primary", done="success")
class _Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    DONE = "done", "Done"
    LOST = "lost", "Lost"


def test_members_carry_their_colour_and_undeclared_ones_the_default():
    assert _Status.DONE.tone == "success"
    assert _Status.tone_of("open") == "primary"
    assert _Status.LOST.tone == "secondary"
    assert _Status.tone_of("no such value") == "secondary"


def test_a_colour_for_a_value_the_choices_lack_fails_at_declaration():
    with pytest.raises(ValueError, match="does not have"):
        @toned(gone="danger")
        class _Stale(models.TextChoices):
            HERE = "here", "Here"


def test_a_colour_that_is_not_a_badge_colour_fails():
    with pytest.raises(ValueError, match="not a badge colour"):
        @toned(here="pink")
        class _Pink(models.TextChoices):
            HERE = "here", "Here"


def test_status_badge_finds_the_colour_from_the_model_field():
    proposal = Proposal(status=ProposalStatus.HANDLING)
    html = Template("{% status_badge proposal %}").render(Context({"proposal": proposal}))
    assert html == f'<span class="badge text-bg-danger">{proposal.get_status_display()}</span>'
    proposal.status = ProposalStatus.CLOSED
    assert "text-bg-success" in Template("{% status_badge p %}").render(Context({"p": proposal}))


def test_every_choice_field_finds_one_set_of_colours():
    """Two apps' choices may share values (draft/published/closed): a field finds the class it was declared with,
    never another app's colours."""
    from django.apps import apps

    from zhengxie.activities.choices import ActivityStatus
    from zhengxie.activities.models import Activity
    from zhengxie.core import tones
    from zhengxie.outreach.choices import ConcernStatus
    from zhengxie.outreach.models import Concern

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "choices", None) and not field.is_relation:
                tones._choices_of_field(model, field.name)
    assert tones._choices_of_field(Activity, "status") is ActivityStatus
    assert tones._choices_of_field(Concern, "status") is ConcernStatus


def test_a_light_badge_has_a_border_and_an_empty_value_no_badge():
    from zhengxie.activities.choices import Outcome
    from zhengxie.activities.models import Participant

    html = Template('{% status_badge p "outcome" classes="ms-1" %}').render(
        Context({"p": Participant(outcome=Outcome.NONE)}))
    assert 'class="badge text-bg-light border ms-1"' in html
    assert Template('{% status_badge p "outcome" %}').render(Context({"p": Participant(outcome="")})) == ""


def test_an_icon_before_the_label():
    from zhengxie.duties.choices import RuleSetStatus
    from zhengxie.duties.models import RuleSet

    html = Template('{% status_badge rs icon="lock" %}').render(Context({"rs": RuleSet(status=RuleSetStatus.CLOSED)}))
    assert html.startswith('<span class="badge text-bg-secondary"><i class="bi bi-lock" aria-hidden="true"></i> ')
