"""The API against its own OpenAPI description (schemathesis, in-process over WSGI): as a member and as the
proposal office, with generated parameters and bodies and with the ids of real objects, every operation answers
no server error, only status codes it documents, and bodies that match the documented schemas.

Bounded to run in the suite (a few examples per operation, fixed seed); ``ZX_CONTRACT_EXAMPLES=50`` digs deeper."""

import contextlib
import os
from collections import defaultdict

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from zhengxie.activities.models import Activity, Participant, Post, Topic
from zhengxie.core import services
from zhengxie.core.models import Member, Organisation
from zhengxie.opinions.models import BulletinIssue, Report
from zhengxie.outreach.models import Concern, OutreachActivity, Place
from zhengxie.proposals.models import HandlingTask, Proposal

pytestmark = [pytest.mark.django_db, pytest.mark.contract]

EXAMPLES = int(os.environ.get("ZX_CONTRACT_EXAMPLES", "3"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
USERS = ["city_member", "city_proposal"]


@contextlib.contextmanager
def in_process():
    """Django's test client does the same: inside the test's transaction, a request must not close the
    connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _scenario(world):
    """Real objects for the path ids: a proposal in handling with its task, reports, an activity and a topic, a
    place with an activity and a concern."""
    from zhengxie.activities.tests.factories import make_activity
    from zhengxie.opinions import bulletins
    from zhengxie.opinions.tests.factories import submit
    from zhengxie.outreach import services as outreach
    from zhengxie.outreach.tests.factories import make_place
    from zhengxie.proposals.tests.helpers import draft, handling

    handling(world)
    draft(world)
    submit(world, "city_member")
    make_activity(world.city, members=[world.members["city_member"]])
    place = make_place(world.city, lead=world.members["city_member"], team=[world.members["city_member2"]])
    bulletins.bulletin_create(actor=world.city_info, organisation=world.city, subject="")
    outreach.concern_register(actor=world.city_member, organisation=world.city, handle_myself=True, activity=None,
                              data={"name": "张三", "phone": "13800000000", "category": "其他",
                                    "description": "村口路灯坏了", "place": place})


def _ids() -> dict[str, list[int]]:
    def of(model, **filters):
        return list(model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True)[:3])

    return {
        "proposal_id": of(Proposal), "task_id": of(HandlingTask), "report_id": of(Report),
        "bulletin_id": of(BulletinIssue), "participant_id": of(Participant), "topic_id": of(Topic),
        "place_id": of(Place), "concern_id": of(Concern), "member_id": of(Member), "org_id": of(Organisation),
        "activity_id": of(Activity) + of(OutreachActivity), "attachment_id": [1], "post_id": of(Post),
    }


def _strategy(operation, ids):
    names = [p.name for p in operation.path_parameters]
    known = [name for name in names if ids.get(name)]
    strategies = [operation.as_strategy()]
    if known:
        strategies.append(st.fixed_dictionaries({name: st.sampled_from(ids[name]) for name in known}).flatmap(
            lambda values: operation.as_strategy(path_parameters=values)))
    return st.one_of(*strategies)


def _exercise(operation, ids, who: str, secret: str, failures: dict, answered: dict) -> None:
    @given(case=_strategy(operation, ids))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def exercise(case):
        response = case.call(headers={"Authorization": f"Bearer {secret}"})
        if response.status_code < 300:
            answered[who].add(operation.label)
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            for failure in group.exceptions:
                failures[f"{operation.label} as {who}"].add(
                    f"{failure.title}: {response.status_code} {case.path_parameters} {case.query} "
                    f"— {' '.join(str(failure.message).split())[:300]}")

    exercise()


def test_the_api_keeps_its_contract(world):
    _scenario(world)
    ids = _ids()
    secrets = {who: services.api_token_create(user=world.users[who], name="contract")[1] for who in USERS}
    failures, answered = defaultdict(set), defaultdict(set)
    with in_process():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) > 90
        for operation in operations:
            for who, secret in secrets.items():
                _exercise(operation, ids, who, secret, failures, answered)
    assert dict(failures) == {}, "\n".join(f"{k}: {sorted(v)}" for k, v in failures.items())
    # Not only refusals: a good part of the operations did their work for each user.
    assert len(answered["city_member"]) >= 20 and len(answered["city_proposal"]) >= 30, answered


def _versioned() -> set[str]:
    """The operations whose body carries the ``version`` the client read."""
    from zhengxie.api.api import api

    spec = api.get_openapi_schema()
    components = spec["components"]["schemas"]
    found = set()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                ref = content.get("schema", {}).get("$ref", "")
                if "version" in components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}):
                    found.add(f"{method.upper()} {path}")
    return found


def test_the_right_is_checked_before_the_version(world):
    """A user without the right is told 403, not 409 "changed since": the version check must not reveal that the
    object changed (nor exist, nor be in a state) to someone who may not act on it."""
    _scenario(world)
    ids = _ids()
    secrets = {who: services.api_token_create(user=world.users[who], name="contract")[1] for who in USERS}
    revealing = defaultdict(set)
    versioned = _versioned()
    with in_process():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        for result in schema.get_all_operations():
            operation = result.ok()
            if operation.label not in versioned:
                continue
            for who, secret in secrets.items():
                _probe_version(operation, ids, who, secret, revealing)
    assert not revealing, "\n".join(sorted(revealing))


def _probe_version(operation, ids, who, secret, revealing) -> None:
    names = [p.name for p in operation.path_parameters]
    if not all(ids.get(name) for name in names):
        return
    fixed = st.fixed_dictionaries({name: st.sampled_from(ids[name]) for name in names})

    @given(case=fixed.flatmap(lambda values: operation.as_strategy(path_parameters=values)))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def probe(case):
        if not isinstance(case.body, dict):
            return
        headers = {"Authorization": f"Bearer {secret}"}
        case.body = {**case.body, "version": 987654}
        stale = case.call(headers=headers)
        if stale.status_code != 409 or stale.json().get("code") != "changed":
            return
        case.body = {k: v for k, v in case.body.items() if k != "version"}
        fresh = case.call(headers=headers)
        if fresh.status_code in (403, 404):
            revealing[f"{operation.label} as {who}"].add(f"409 with a stale version, {fresh.status_code} without")

    probe()
