"""Every response and request schema of the API has a name of its own: the OpenAPI names its components after the
classes, so two classes of one name in two apps would silently describe one of them with the other's fields."""

from collections import defaultdict

from ninja import Schema

from zhengxie.api.api import api


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_schemas_share_a_name():
    api.get_openapi_schema()  # imports every router and its schemas
    by_name = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("zhengxie."):
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}
