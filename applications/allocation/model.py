"""The plain values that go into and come out of the allocation."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Student:
    """One accepted student. ``choices`` are service-area ids, best first, without repeats."""

    id: int
    school: int
    priority: bool  # a school attribute: every student of one school carries the same value
    choices: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """A home group led by one service area."""

    id: int
    area: int
    capacity: int


@dataclass(frozen=True, slots=True)
class Instance:
    """Everything the allocation needs; the same instance and seed always give the same outcome."""

    students: tuple[Student, ...]
    groups: tuple[Group, ...]
    event_capacity: int | None = None  # None: only the groups limit the event
    school_cap: int | None = None  # most students placed from any one school; None: no limit
    seed: int = 0  # drives the lottery that breaks ties


class Reason(StrEnum):
    """Why a student was not placed: the first of these that holds, in this order."""

    NO_CHOICES = "no_choices"
    SCHOOL_CAP = "school_cap"
    AREAS_FULL = "areas_full"
    EVENT_FULL = "event_full"


@dataclass(frozen=True, slots=True)
class Outcome:
    """Who goes where, who does not and why, and the counts the objective is judged by."""

    placements: Mapping[int, int]  # student id -> group id
    unplaced: Mapping[int, Reason]  # student id -> reason
    placed: int
    priority_placed: int
    by_rank: tuple[int, ...]  # students placed in their 1st, 2nd, ... choice
    by_school: Mapping[int, int]  # school id -> students placed, for every school with a student
    by_group: Mapping[int, int]  # group id -> students placed, for every group
