"""Validate an instance and gather its students into classes of interchangeable students.

Two students are interchangeable when they have the same choices, the same priority and, if schools are
capped, the same school. The flow network carries classes, so its size follows the variety of choices,
not the number of students.
"""

from dataclasses import dataclass
from itertools import chain

import numpy as np

from .model import Group, Instance, Student


@dataclass(frozen=True, slots=True)
class Areas:
    """Service areas (the areas of the groups) and the groups they own, all as numpy arrays."""

    ids: np.ndarray  # sorted area ids; an area's index is its position here
    capacity: np.ndarray  # seats per area: the sum of its groups' capacities
    group_ids: np.ndarray
    group_area: np.ndarray  # area index per group
    group_capacity: np.ndarray


@dataclass(frozen=True, slots=True)
class Classes:
    """Students grouped by class; classes and students within a class are in seeded lottery order."""

    student_ids: np.ndarray  # grouped by class, class 0 first
    student_school: np.ndarray  # school index per student, aligned with student_ids
    sizes: np.ndarray  # students per class
    priority: np.ndarray  # per class
    school: np.ndarray  # school index per class, or -1 when schools are not capped
    school_ids: np.ndarray  # school id per school index
    school_priority: np.ndarray  # per school index
    arc_class: np.ndarray  # one entry per (class, choice): classes ascending, then ranks ascending
    arc_area: np.ndarray  # area index of the choice
    arc_rank: np.ndarray  # 0 for a 1st choice


def areas_of(instance: Instance) -> Areas:
    """Index the areas that own groups; reject repeated group ids and any negative capacity."""
    for name in ("event_capacity", "school_cap"):
        value = getattr(instance, name)
        if value is not None and value < 0:
            raise ValueError(f"{name} must not be negative ({value})")
    groups = instance.groups
    ids = np.fromiter((g.id for g in groups), np.int64, len(groups))
    capacity = np.fromiter((g.capacity for g in groups), np.int64, len(groups))
    if np.unique(ids).size != ids.size:
        raise ValueError("group ids must be unique")
    if (capacity < 0).any():
        bad: Group = groups[int(np.argmax(capacity < 0))]
        raise ValueError(f"group {bad.id} has a negative capacity ({bad.capacity})")
    area_ids, group_area = np.unique(np.fromiter((g.area for g in groups), np.int64, len(groups)), return_inverse=True)
    area_capacity = np.zeros(area_ids.size, np.int64)
    np.add.at(area_capacity, group_area, capacity)
    return Areas(area_ids, area_capacity, ids, group_area, capacity)


def classes_of(instance: Instance, areas: Areas, rng: np.random.Generator) -> Classes:
    """Group the students into classes, in a seeded order, with their choices as arcs to area indices."""
    students = instance.students
    n = len(students)
    ids = np.fromiter((s.id for s in students), np.int64, n)
    if np.unique(ids).size != n:
        raise ValueError("student ids must be unique")
    school_ids, school = np.unique(np.fromiter((s.school for s in students), np.int64, n), return_inverse=True)
    priority = np.fromiter((bool(s.priority) for s in students), np.bool_, n)
    school_priority = _school_priority(students, school, priority, school_ids.size)

    capped = instance.school_cap is not None
    index: dict[tuple, int] = {}
    keys = ((s.school, s.choices) if capped else (s.priority, s.choices) for s in students)
    first_seen = np.fromiter((index.setdefault(key, len(index)) for key in keys), np.int64, n)

    # The lottery: a seeded order of classes (which steers the solver among equal optima), then of
    # students within each class (which decides who of them gets which of the class's places).
    position = np.empty(len(index), np.int64)
    position[rng.permutation(len(index))] = np.arange(len(index))
    student_class = position[first_seen]
    order = np.lexsort((rng.random(n), student_class))
    rep = np.empty(len(index), np.int64)  # one student per class, to read what the class shares
    rep[student_class] = np.arange(n)
    class_choices = [students[i].choices for i in rep.tolist()]
    arc_class, arc_area, arc_rank = _choice_arcs(students, class_choices, areas.ids)
    return Classes(
        student_ids=ids[order],
        student_school=school[order],
        sizes=np.bincount(student_class, minlength=len(index)),
        priority=priority[rep],
        school=school[rep] if capped else np.full(len(index), -1, np.int64),
        school_ids=school_ids,
        school_priority=school_priority,
        arc_class=arc_class,
        arc_area=arc_area,
        arc_rank=arc_rank,
    )


def _school_priority(students: tuple[Student, ...], school: np.ndarray, priority: np.ndarray, count: int) -> np.ndarray:
    """Priority per school; reject a school whose students disagree (priority is a school attribute)."""
    per_school = np.zeros(count, np.bool_)
    per_school[school] = priority
    mixed = per_school[school] != priority
    if mixed.any():
        bad = students[int(np.argmax(mixed))].school
        raise ValueError(f"school {bad} has both priority and non-priority students; priority belongs to the school")
    return per_school


def _choice_arcs(
    students: tuple[Student, ...], class_choices: list[tuple[int, ...]], area_ids: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flatten each class's choices into (class, area index, rank) arcs; reject unknown or repeated areas."""
    lengths = np.fromiter(map(len, class_choices), np.int64, len(class_choices))
    flat = np.fromiter(chain.from_iterable(class_choices), np.int64, int(lengths.sum()))
    arc_class = np.repeat(np.arange(lengths.size), lengths)
    arc_rank = np.arange(flat.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    arc_area = np.minimum(np.searchsorted(area_ids, flat), max(area_ids.size - 1, 0))
    if flat.size and not (area_ids.size and (area_ids[arc_area] == flat).all()):
        known = set(area_ids.tolist())
        bad = next(s for s in students if not known.issuperset(s.choices))
        area = next(a for a in bad.choices if a not in known)
        raise ValueError(f"student {bad.id} chose area {area}, which has no group")
    if np.unique(arc_class * max(area_ids.size, 1) + arc_area).size != flat.size:
        bad = next(s for s in students if len(set(s.choices)) != len(s.choices))
        raise ValueError(f"student {bad.id} chose the same area twice: {bad.choices}")
    return arc_class, arc_area, arc_rank
