"""An independent exact solver for the allocation objective: a binary MILP solved level by level.

One binary variable per (student, group of an area the student chose). Each level's optimum is fixed as a
constraint before the next level is optimised, so the answer is the lexicographic optimum by construction.
It knows nothing of classes, flows or rank weights, which is the point.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from applications.allocation import Instance


@dataclass(frozen=True)
class Levels:
    priority_placed: int
    placed: int
    by_rank: tuple[int, ...]


def solve(instance: Instance) -> Levels:
    """The lexicographically best (priority placed, placed, 1st choices, 2nd choices, ...)."""
    variables = [
        (s, g, s.choices.index(g.area)) for s in instance.students for g in instance.groups if g.area in s.choices
    ]
    ranks = max((len(s.choices) for s in instance.students), default=0)
    if not variables:
        return Levels(0, 0, (0,) * ranks)
    rows, upper = _capacity_rows(instance, variables)
    objectives = [np.array([float(s.priority) for s, _, _ in variables]), np.ones(len(variables))]
    objectives += [np.array([float(rank == r) for _, _, rank in variables]) for r in range(ranks)]
    lower = [-np.inf] * len(rows)
    best = []
    for objective in objectives:
        constraints = LinearConstraint(np.array(rows), lower, upper)
        result = milp(-objective, constraints=constraints, integrality=np.ones(len(variables)), bounds=Bounds(0, 1))
        if not result.success:
            raise RuntimeError(result.message)
        value = round(-result.fun)
        best.append(value)
        rows.append(objective)
        lower.append(value - 0.5)
        upper.append(np.inf)
    return Levels(best[0], best[1], tuple(best[2:]))


def _capacity_rows(instance: Instance, variables: list) -> tuple[list[np.ndarray], list[float]]:
    """One row per student (at most one place), per group, per school (if capped) and for the event."""
    rows, upper = [], []

    def add(selected: list[bool], bound: float) -> None:
        rows.append(np.array(selected, float))
        upper.append(bound)

    for student in instance.students:
        add([s.id == student.id for s, _, _ in variables], 1)
    for group in instance.groups:
        add([g.id == group.id for _, g, _ in variables], group.capacity)
    if instance.school_cap is not None:
        for school in {s.school for s in instance.students}:
            add([s.school == school for s, _, _ in variables], instance.school_cap)
    if instance.event_capacity is not None:
        add([True] * len(variables), instance.event_capacity)
    return rows, upper
