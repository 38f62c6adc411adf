"""Django's own English defaults (the select placeholder "- Select an option -") never show on a Chinese page:
the named forms of the proposals and activities apps render in Chinese with no English word."""

import re

import pytest
from django.utils import translation
from django.utils.html import strip_tags

from zhengxie.activities.forms import ActivityForm, SpeechForm
from zhengxie.proposals.forms import AwardForm, BatchAssignForm, ReassignForm

pytestmark = pytest.mark.django_db

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("form_class", [BatchAssignForm, ReassignForm, AwardForm, ActivityForm, SpeechForm])
def test_the_forms_render_in_chinese_without_english(world, form_class):
    with translation.override("zh-hans"):
        html = form_class(organisation=world.city).as_div()
    placeholders = re.findall(r'<option value=""[^>]*>([^<]*)</option>', html)
    assert placeholders and not [o for o in placeholders if LATIN_WORD.search(o)], placeholders
    assert "Select an option" not in html
    text = strip_tags(re.sub(r"<option[^>]*>[^<]*</option>", "", html))  # the rows' own names aside
    assert not LATIN_WORD.findall(text), LATIN_WORD.findall(text)[:10]
