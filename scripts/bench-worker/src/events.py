from datetime import datetime

import attrs
from dateutil import parser


@attrs.define(frozen=True)
class Event:
    name: str
    at: datetime

    def describe(self) -> str:
        return f"{self.name} on {self.at:%Y-%m-%d}"


def parse_event(name: str, when: str) -> Event:
    """Build an Event from a name and a date in any format dateutil reads."""
    name = name.strip() or "event"
    return Event(name=name, at=parser.parse(when))
