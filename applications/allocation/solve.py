"""allocate(): classes -> flows -> students in areas -> students in groups, with reasons and counts."""

import numpy as np

from .classes import Areas, Classes, areas_of, classes_of
from .model import Instance, Outcome, Reason
from .network import Flow, build, solve

# Reason codes per class, in the order they are tried; -1 means "none applies".
_REASONS = (Reason.NO_CHOICES, Reason.SCHOOL_CAP, Reason.AREAS_FULL, Reason.EVENT_FULL)


def allocate(instance: Instance) -> Outcome:
    """Place students in home groups, exactly optimal for the lexicographic objective.

    Within every group's capacity, the event capacity and the per-school cap: first place as many students
    from priority schools as possible, then as many students as possible, then as many 1st choices as
    possible, then 2nd choices, and so on. Ties are broken by a lottery seeded with ``instance.seed``.
    Raises ValueError on malformed input.
    """
    rng = np.random.default_rng(instance.seed)
    areas = areas_of(instance)
    classes = classes_of(instance, areas, rng)
    flow = solve(build(classes, areas, instance.event_capacity, instance.school_cap))
    student_area = _student_areas(classes, flow.choices)
    area_flow = np.bincount(classes.arc_area, weights=flow.choices, minlength=areas.ids.size).astype(np.int64)
    student_group = _deal(student_area, areas, _group_counts(area_flow, areas, rng), rng)
    reasons = _class_reasons(classes, areas, flow, area_flow, instance)
    return _outcome(classes, areas, flow, student_group, reasons)


def _student_areas(classes: Classes, choice_flow: np.ndarray) -> np.ndarray:
    """Area index per student (aligned with classes.student_ids), -1 if unplaced.

    Within a class, students are already in lottery order: the first take the class's 1st-choice places,
    the next its 2nd-choice places, and so on; the rest are unplaced.
    """
    num_classes = classes.sizes.size
    placed = np.bincount(classes.arc_class, weights=choice_flow, minlength=num_classes).astype(np.int64)
    segment_class = np.concatenate([classes.arc_class, np.arange(num_classes)])
    segment_area = np.concatenate([classes.arc_area, np.full(num_classes, -1)])
    segment_size = np.concatenate([choice_flow, classes.sizes - placed])
    order = np.argsort(segment_class, kind="stable")  # keeps ranks in order, the unplaced segment last
    return np.repeat(segment_area[order], segment_size[order])


def _group_counts(area_flow: np.ndarray, areas: Areas, rng: np.random.Generator) -> np.ndarray:
    """Split each area's students over its groups in proportion to capacity (largest remainder).

    The remainders are fractions below one, so rounding up never passes a group's capacity; the lottery
    settles equal remainders.
    """
    group_area, capacity = areas.group_area, areas.group_capacity
    area_capacity = np.maximum(areas.capacity[group_area], 1)
    share = area_flow[group_area] * capacity
    base, remainder = share // area_capacity, share % area_capacity
    left = area_flow - np.bincount(group_area, weights=base, minlength=areas.ids.size).astype(np.int64)
    order = np.lexsort((rng.random(group_area.size), -remainder, group_area))
    sorted_area = group_area[order]
    first_of_area = np.searchsorted(sorted_area, sorted_area)
    counts = base.copy()
    counts[order] += np.arange(order.size) - first_of_area < left[sorted_area]
    return counts


def _deal(student_area: np.ndarray, areas: Areas, counts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Group id per student (-1 if unplaced): shuffle each area's students and deal them into its groups."""
    placed = np.flatnonzero(student_area >= 0)
    order = placed[np.lexsort((rng.random(placed.size), student_area[placed]))]
    by_area = np.argsort(areas.group_area, kind="stable")
    student_group = np.full(student_area.size, -1, np.int64)
    student_group[order] = np.repeat(areas.group_ids[by_area], counts[by_area])
    return student_group


def _class_reasons(classes: Classes, areas: Areas, flow: Flow, area_flow: np.ndarray, instance: Instance) -> np.ndarray:
    """Reason code per class for its unplaced students (an index into _REASONS, or -1 for none)."""
    num_classes = classes.sizes.size
    area_open = area_flow < areas.capacity
    choices = np.bincount(classes.arc_class, minlength=num_classes)
    open_choices = np.bincount(classes.arc_class, weights=area_open[classes.arc_area], minlength=num_classes)
    school_full = np.zeros(num_classes, np.bool_)
    if instance.school_cap is not None:
        placed = np.bincount(classes.arc_class, weights=flow.choices, minlength=num_classes)
        school_placed = np.bincount(classes.school, weights=placed, minlength=classes.school_ids.size)
        school_full = school_placed[classes.school] >= instance.school_cap
    event_full = instance.event_capacity is not None and flow.total >= instance.event_capacity
    conditions = [choices == 0, school_full, open_choices == 0, np.full(num_classes, event_full)]
    return np.select(conditions, range(len(_REASONS)), default=-1)


def _outcome(classes: Classes, areas: Areas, flow: Flow, student_group: np.ndarray, reasons: np.ndarray) -> Outcome:
    placed = student_group >= 0
    student_reason = np.repeat(reasons, classes.sizes)[~placed]
    if (student_reason < 0).any():
        # Impossible for a maximum flow: such a student could be added along a free path.
        raise RuntimeError("an unplaced student has no reason; the flow was not maximal")
    ranks = int(classes.arc_rank.max()) + 1 if classes.arc_rank.size else 0
    by_rank = np.bincount(classes.arc_rank, weights=flow.choices, minlength=ranks).astype(np.int64)
    by_school = np.bincount(classes.student_school[placed], minlength=classes.school_ids.size)
    by_group = dict.fromkeys(areas.group_ids.tolist(), 0)
    groups, counts = np.unique(student_group[placed], return_counts=True)
    by_group.update(zip(groups.tolist(), counts.tolist(), strict=True))
    return Outcome(
        placements=dict(zip(classes.student_ids[placed].tolist(), student_group[placed].tolist(), strict=True)),
        unplaced={
            sid: _REASONS[code]
            for sid, code in zip(classes.student_ids[~placed].tolist(), student_reason.tolist(), strict=True)
        },
        placed=flow.total,
        priority_placed=flow.priority,
        by_rank=tuple(by_rank.tolist()),
        by_school=dict(zip(classes.school_ids.tolist(), by_school.tolist(), strict=True)),
        by_group=by_group,
    )
