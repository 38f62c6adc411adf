"""The channels API: a person's own choices; the delivery log for staff only."""

import pytest

from zhengxie.core import services

pytestmark = pytest.mark.django_db


def test_a_member_reads_and_changes_their_choices(world, client_as, configure):
    configure(world.city, "gateway")
    client = client_as(world.city_member)
    mine = client.get("/api/v1/channels/preferences").json()
    assert mine["available"] == ["email", "sms"]
    assert {k["kind"]: k["channels"] for k in mine["kinds"]}["meeting"] == ["email", "sms"]
    answer = client.put("/api/v1/channels/preferences", {"kinds": {"meeting": ["sms"]}, "digest": True},
                        content_type="application/json")
    assert answer.status_code == 200
    kinds = {k["kind"]: k["channels"] for k in answer.json()["kinds"]}
    assert kinds["meeting"] == ["sms"] and kinds["rating"] == ["email", "sms"] and answer.json()["digest"]
    bad = client.put("/api/v1/channels/preferences", {"kinds": {"meeting": ["fax"]}}, content_type="application/json")
    assert bad.status_code == 422


def test_the_delivery_log_for_staff_only(world, client_as, configure):
    configure(world.city, "gateway")
    services.notify(recipients=[world.city_member], organisation=world.city, code="proposals.rate_reply",
                    title="请评价答复", url="/proposals/")
    staff = client_as(world.city_office).get("/api/v1/channels/deliveries?channel=sms").json()
    assert staff["count"] == 1 and staff["items"][0]["status"] == "pending" and staff["items"][0]["title"] == "请评价答复"
    assert client_as(world.city_member).get("/api/v1/channels/deliveries").status_code == 403
    assert client_as(world.city2_office).get("/api/v1/channels/deliveries").json()["count"] == 0
