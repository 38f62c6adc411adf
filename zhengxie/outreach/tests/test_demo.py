"""The demo data: the seed's proportions at the county scale, and every state of the workflows."""

import pytest
from django.contrib.contenttypes.models import ContentType

from zhengxie.core.models import Organisation
from zhengxie.duties.choices import DutyEventKind
from zhengxie.duties.models import DutyEvent
from zhengxie.outreach.choices import ActivityStatus, ConcernStatus, PlaceKind
from zhengxie.outreach.models import Concern, OutreachActivity, Place


@pytest.mark.django_db
def test_demo_in_the_seeds_proportions(county_demo):
    qinzhou = Organisation.objects.get(short_name="秦州区政协")
    places = Place.objects.filter(organisation=qinzhou)
    stations = places.filter(kind=PlaceKind.WORKSTATION)
    # Qinzhou's share of Tianshui's 123 stations: one per township or street, with their real names
    assert stations.count() >= 23 and stations.filter(name="玉泉镇政协委员工作站").exists()
    assert 300 < places.filter(kind=PlaceKind.ROOM).count() < 500
    assert Place.objects.filter(organisation__short_name="天水市政协", kind=PlaceKind.STUDIO).count() == 30
    assert set(Concern.objects.values_list("status", flat=True)) == set(ConcernStatus.values)
    assert set(OutreachActivity.objects.values_list("status", flat=True)) == set(ActivityStatus.values)
    assert Concern.objects.filter(satisfied=False).exists() and Concern.objects.filter(satisfied=True).exists()
    # almost every member of the county goes down to the grassroots
    gone_down = DutyEvent.objects.filter(organisation=qinzhou, kind=DutyEventKind.OUTREACH_ACTIVITY).values(
        "member").distinct().count()
    assert gone_down >= 0.9 * qinzhou.members.count()
    # one event per closed concern (matters solved at activities are credited under the same kind, from their own rows)
    assert DutyEvent.objects.filter(kind=DutyEventKind.CONCERN_HANDLED,
                                    source_type=ContentType.objects.get_for_model(Concern)).count() == Concern.objects.filter(
        status=ConcernStatus.CLOSED).count()
