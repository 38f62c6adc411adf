import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Services raise translated messages: the tests read them in English (pages follow the user's language)."""
    with translation.override("en"):
        yield
