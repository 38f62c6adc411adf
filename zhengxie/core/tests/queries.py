"""A list costs the same number of queries for a few rows as for many: the helper the apps' tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(fetch) -> int:
    """The queries one call of ``fetch()`` makes (after a first call that warms sessions and caches up)."""
    fetch()
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return len(captured)


def assert_flat(fetch, add_rows, *, label=""):
    """``fetch`` costs as many queries once ``add_rows()`` has made the list ten times longer."""
    few = queries_of(fetch)
    add_rows()
    many = queries_of(fetch)
    assert many == few, f"{label}: {few} queries for a few rows, {many} for many"
