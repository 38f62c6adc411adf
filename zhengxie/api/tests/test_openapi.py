"""The OpenAPI description says what the API really does: one schema per name, every answer declared."""

import typing
from collections import defaultdict

from pydantic import BaseModel

from zhengxie.api.api import api


def _operations():
    for router in api._get_bound_routers():
        for path, view in router.path_operations.items():
            for operation in view.operations:
                yield f"{router.prefix}{path}", operation


def _models(annotation, found: set):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                _models(field.annotation, found)
        return
    for argument in typing.get_args(annotation):
        _models(argument, found)


def test_every_schema_name_is_used_by_one_class():
    """The description keeps one component per class name: a second class of that name silently replaces the
    first, and the clients then read the wrong fields (GET /me was described with the duty record's seat)."""
    found: set = set()
    for _path, operation in _operations():
        for model in [*operation.response_models.values(), *operation.models]:
            if model:
                _models(model, found)
    by_name = defaultdict(set)
    for model in found:
        by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    assert {name: sorted(where) for name, where in by_name.items() if len(where) > 1} == {}


def test_every_operation_documents_the_errors_it_can_answer():
    spec = api.get_openapi_schema()
    missing = {}
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            expected = {"400", "422"}
            if operation.get("security"):
                expected |= {"401", "403"}
            if any(p["in"] == "path" for p in operation.get("parameters", [])):
                expected.add("404")
            lacking = expected - {str(code) for code in operation["responses"]}
            if lacking:
                missing[f"{method.upper()} {path}"] = sorted(lacking)
    assert missing == {}
