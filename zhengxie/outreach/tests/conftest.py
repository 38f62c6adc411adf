import pytest

from zhengxie.outreach.choices import PlaceKind

from .factories import make_place


@pytest.fixture
def station(world):
    """A workstation of the city: city_member leads it, city_member2 is on duty; city_member3 is not on it."""
    return make_place(world.city, lead=world.members["city_member"], team=[world.members["city_member2"]])


@pytest.fixture
def room(world):
    return make_place(world.city, name="白驼镇上磨村协商议事室", kind=PlaceKind.ROOM)


@pytest.fixture
def other_place(world):
    """A place of another organisation (the county)."""
    return make_place(world.county, name="玉泉镇政协委员工作站", lead=world.members["county_member"])
