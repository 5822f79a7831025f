"""Split a home group into sub-groups that rotate through activities.

k sub-groups of balanced size take k activities in k consecutive slots. Sub-group i does activity (i + j) mod k
in slot j: a Latin square, so every sub-group does every activity once and no activity hosts two sub-groups at
once. The write-up's example: 21 students, 3 sub-groups of 7, marketplace, campus tour and careers info.

Pure: plain values in, frozen dataclasses out; no Django.
"""

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Visit[A, S]:
    subgroup: int  # index into Rotation.subgroups
    slot: S
    activity: A


@dataclass(frozen=True)
class Rotation[M, A, S]:
    subgroups: tuple[tuple[M, ...], ...]  # the same students all week
    visits: tuple[Visit[A, S], ...]  # by slot, then sub-group


def split_into_subgroups[M: Hashable](members: Sequence[M], k: int, *, seed: int = 0) -> tuple[tuple[M, ...], ...]:
    """Partition `members` into k sub-groups whose sizes differ by at most one, the larger ones first.

    The draw is random but repeatable: the same members in the same order and the same seed give the same
    sub-groups. Each sub-group lists its members in their input order.
    """
    _require_distinct("members", members)
    if not 1 <= k <= len(members):
        raise ValueError(
            f"Cannot split {len(members)} members into {k} sub-groups: "
            "need at least one sub-group and no more sub-groups than members"
        )
    order = list(range(len(members)))
    random.Random(seed).shuffle(order)
    size, larger = divmod(len(members), k)
    subgroups, taken = [], 0
    for index in range(k):
        chunk = order[taken : taken + size + (index < larger)]
        taken += len(chunk)
        subgroups.append(tuple(members[position] for position in sorted(chunk)))
    return tuple(subgroups)


def plan_rotation[M: Hashable, A: Hashable, S: Hashable](
    members: Sequence[M], k: int, activities: Sequence[A], slots: Sequence[S], *, seed: int = 0
) -> Rotation[M, A, S]:
    """Split `members` into k sub-groups and give sub-group i activity (i + j) mod k in slot j."""
    if len(activities) != k or len(slots) != k:
        raise ValueError(
            f"A rotation of {k} sub-groups needs {k} activities and {k} slots, "
            f"got {len(activities)} activities and {len(slots)} slots"
        )
    subgroups = split_into_subgroups(members, k, seed=seed)
    return Rotation(subgroups, rotation_visits(activities, slots))


def rotation_visits[A: Hashable, S: Hashable](activities: Sequence[A], slots: Sequence[S]) -> tuple[Visit[A, S], ...]:
    """The Latin square alone, for sub-groups already split: sub-group i does activity (i + j) mod k in slot j."""
    _require_distinct("activities", activities)
    _require_distinct("slots", slots)
    k = len(activities)
    if k < 1 or len(slots) != k:
        raise ValueError(
            f"A rotation needs at least one activity and as many slots as activities, got {k} and {len(slots)}"
        )
    return tuple(
        Visit(subgroup, slot, activities[(subgroup + index) % k])
        for index, slot in enumerate(slots)
        for subgroup in range(k)
    )


def _require_distinct(what: str, values: Sequence[Hashable]) -> None:
    if len(set(values)) != len(values):
        raise ValueError(f"The {what} of a rotation must be distinct")
