from datetime import datetime

import attrs
import pytest

from events import Event, parse_event


def test_parses_iso_dates():
    assert parse_event("launch", "2025-03-04").at == datetime(2025, 3, 4)


def test_parses_free_form_dates():
    assert parse_event("party", "March 5, 2025 10:30").at == datetime(2025, 3, 5, 10, 30)


def test_blank_name_defaults():
    assert parse_event("  ", "2025-01-01").describe() == "event on 2025-01-01"


def test_events_are_frozen():
    event = Event("x", datetime(2025, 1, 1))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.name = "y"  # type: ignore[misc]
