"""Builders for the outreach tests: places with their team, concerns in a given state, a solved challenge."""

import time

from zhengxie.core import signing  # the token key (TOKEN_SIGNING_KEY), not SECRET_KEY
from zhengxie.core.files import bytes_upload
from zhengxie.outreach import guard, services
from zhengxie.outreach.choices import PlaceKind
from zhengxie.outreach.models import Place, PlaceMember

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def make_place(org, *, name="白驼镇政协委员工作站", kind=PlaceKind.WORKSTATION, lead=None, team=(), **fields) -> Place:
    values = {"county": "清水县", "township": "白驼镇", "village": "上磨村" if kind == PlaceKind.ROOM else "",
              "is_active": True, **fields}
    values.setdefault("level", Place.level_for(kind, county=values["county"], township=values["township"],
                                               village=values["village"]))
    place = Place.objects.create(organisation=org, kind=kind, name=name, lead_member=lead, **values)
    PlaceMember.objects.bulk_create([PlaceMember(place=place, member=m) for m in team])
    return place


def concern_data(**overrides) -> dict:
    return {"name": "王秀兰", "phone": "13912345678", "category": "道路交通",
            "description": "村里通往镇上的道路坑洼严重，雨天无法通行。", "place": None, **overrides}


def submit(org, **overrides):
    """A concern sent on the public page; returns (concern, code)."""
    return services.concern_submit_public(organisation=org, data=concern_data(**overrides))


def solved_challenge(age: float = 60) -> tuple[str, str]:
    """A challenge issued ``age`` seconds ago, and its answer (read the way only the server can: from its cache)."""
    challenge = guard.challenge_issue(issued_at=time.time() - age)
    data = signing.loads(challenge.token, salt=guard.CHALLENGE_SALT)
    return challenge.token, guard._answer_of(data["n"])


def public_form(**overrides) -> dict:
    token, answer = solved_challenge()
    return {"name": "王秀兰", "phone": "13912345678", "category": "道路交通",
            "description": "村里通往镇上的道路坑洼严重，雨天无法通行。", "token": token, "answer": str(answer),
            "website": "", **overrides}


def png(name="photo.png"):
    return bytes_upload(PNG, name)
