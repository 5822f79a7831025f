"""The allocation algorithm: exact against an independent MILP, properties, hand-made cases, bad input."""

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applications.allocation import Group, Instance, Outcome, Reason, Student, allocate
from tests.applications import allocation_oracle

# ---------------------------------------------------------------------------------------------------------------------
# Exact optimality: every level of the objective equals the MILP's, on random small instances.


def random_instance(seed: int) -> Instance:
    """Up to 25 students, 6 areas, 1-3 groups per area, 3 choices, and sometimes event and school caps."""
    rnd = random.Random(seed)
    num_areas = rnd.randint(1, 6)
    areas_of_groups = [area for area in range(num_areas) for _ in range(rnd.randint(1, 3))]
    groups = [Group(1000 + i, 100 + area, rnd.randint(0, 3)) for i, area in enumerate(areas_of_groups)]
    priority = {7 * school: rnd.random() < 0.4 for school in range(rnd.randint(1, 5))}
    popularity = [rnd.random() ** 2 for _ in range(num_areas)]  # some areas far more wanted than others
    ranks = min(rnd.choice([1, 2, 3, 3]), num_areas)
    students = []
    for sid in rnd.sample(range(10_000), rnd.randint(0, 25)):
        school = rnd.choice(list(priority))
        length = ranks if rnd.random() < 0.9 else rnd.randint(0, ranks)
        areas = sorted(range(num_areas), key=lambda a: rnd.random() * popularity[a], reverse=True)[:length]
        students.append(Student(sid, school, priority[school], tuple(100 + a for a in areas)))
    return Instance(
        students=tuple(students),
        groups=tuple(groups),
        event_capacity=rnd.choice([None, None, rnd.randint(0, 25)]),
        school_cap=rnd.choice([None, None, rnd.randint(0, 8)]),
        seed=seed,
    )


def tight_instance(seed: int) -> Instance:
    """About as many students as seats, single small groups and 3 choices: long exchanges between ranks."""
    rnd = random.Random(seed)
    num_areas = rnd.randint(4, 7)
    groups = tuple(Group(1000 + area, 100 + area, rnd.choice([1, 1, 2])) for area in range(num_areas))
    students = tuple(
        Student(sid, 1, False, tuple(100 + a for a in rnd.sample(range(num_areas), 3)))
        for sid in range(rnd.randint(num_areas - 1, num_areas + 3))
    )
    return Instance(students, groups, seed=seed)


@pytest.mark.parametrize(
    ("family", "seed"),
    [pytest.param(random_instance, seed, id=f"mixed-{seed}") for seed in range(200)]
    + [pytest.param(tight_instance, seed, id=f"tight-{seed}") for seed in range(100)],
)
def test_every_level_matches_the_exact_solver(family: Callable[[int], Instance], seed: int) -> None:
    instance = family(seed)
    outcome = allocate(instance)
    levels = allocation_oracle.Levels(outcome.priority_placed, outcome.placed, outcome.by_rank)
    assert levels == allocation_oracle.solve(instance)
    assert_valid(instance, outcome)


# ---------------------------------------------------------------------------------------------------------------------
# Properties on generated instances.


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    num_areas = draw(st.integers(1, 5))
    group_specs = draw(st.lists(st.tuples(st.integers(0, num_areas - 1), st.integers(0, 4)), min_size=1, max_size=10))
    groups = tuple(Group(1000 + i, 100 + area, capacity) for i, (area, capacity) in enumerate(group_specs))
    areas = sorted({g.area for g in groups})
    school_priority = draw(st.lists(st.booleans(), min_size=1, max_size=4))
    students = []
    for i in range(draw(st.integers(0, 20))):
        school = draw(st.integers(0, len(school_priority) - 1))
        order = draw(st.permutations(areas))
        length = draw(st.integers(0, min(3, len(areas))))
        students.append(Student(7 * i + 1, 50 + school, school_priority[school], tuple(order[:length])))
    return Instance(
        students=tuple(students),
        groups=groups,
        event_capacity=draw(st.none() | st.integers(0, 20)),
        school_cap=draw(st.none() | st.integers(0, 6)),
        seed=draw(st.integers(0, 2**32 - 1)),
    )


def assert_valid(instance: Instance, outcome: Outcome) -> None:
    """Capacities hold, each student is placed once in a chosen area or has a true reason, counts add up."""
    students = {s.id: s for s in instance.students}
    groups = {g.id: g for g in instance.groups}
    assert outcome.placements.keys() | outcome.unplaced.keys() == students.keys()
    assert not outcome.placements.keys() & outcome.unplaced.keys()
    per_group = Counter(outcome.placements.values())
    per_school = Counter(students[sid].school for sid in outcome.placements)
    assert all(per_group[g.id] <= g.capacity for g in instance.groups)
    assert instance.event_capacity is None or outcome.placed <= instance.event_capacity
    assert instance.school_cap is None or all(count <= instance.school_cap for count in per_school.values())
    ranks = Counter(students[sid].choices.index(groups[gid].area) for sid, gid in outcome.placements.items())
    assert outcome.placed == len(outcome.placements) == sum(outcome.by_rank)
    assert outcome.by_rank == tuple(ranks[r] for r in range(len(outcome.by_rank)))
    assert outcome.priority_placed == sum(students[sid].priority for sid in outcome.placements)
    assert outcome.by_group == {g.id: per_group[g.id] for g in instance.groups}
    assert outcome.by_school == {s.school: per_school[s.school] for s in instance.students}
    seats = Counter()
    for group in instance.groups:
        seats[group.area] += group.capacity - per_group[group.id]
    for sid, reason in outcome.unplaced.items():
        assert reason_holds(reason, students[sid], instance, outcome, per_school, seats)


def reason_holds(
    reason: Reason, student: Student, instance: Instance, outcome: Outcome, per_school: Counter, seats: Counter
) -> bool:
    match reason:
        case Reason.NO_CHOICES:
            return not student.choices
        case Reason.SCHOOL_CAP:
            return instance.school_cap is not None and per_school[student.school] == instance.school_cap
        case Reason.AREAS_FULL:
            return all(seats[area] == 0 for area in student.choices)
        case Reason.EVENT_FULL:
            return outcome.placed == instance.event_capacity


@settings(max_examples=150, deadline=None)
@given(instances())
def test_outcome_is_valid(instance: Instance) -> None:
    assert_valid(instance, allocate(instance))


@settings(max_examples=50, deadline=None)
@given(instances())
def test_same_seed_same_outcome(instance: Instance) -> None:
    assert allocate(instance) == allocate(instance)


@settings(max_examples=50, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1))
def test_seed_never_changes_the_objective(instance: Instance, other_seed: int) -> None:
    one, two = allocate(instance), allocate(replace(instance, seed=other_seed))
    assert (one.priority_placed, one.placed, one.by_rank) == (two.priority_placed, two.placed, two.by_rank)


def test_different_seeds_draw_different_lotteries() -> None:
    students = tuple(Student(i, 1, False, (10, 20)) for i in range(10))
    groups = (Group(1, 10, 5), Group(2, 20, 5))
    outcomes = {tuple(sorted(allocate(Instance(students, groups, seed=seed)).placements.items())) for seed in range(10)}
    assert len(outcomes) > 1


# ---------------------------------------------------------------------------------------------------------------------
# Hand-made cases with exact expected outcomes.

X, Y, Z, W = 10, 20, 30, 40


def one_group_each(*areas: int) -> tuple[Group, ...]:
    """One group of one seat per area; the group's id is the area's plus one."""
    return tuple(Group(area + 1, area, 1) for area in areas)


CASES = {
    # Serial dictatorship (a first) gives a X and leaves b out; the optimum moves a to Y.
    "beats serial dictatorship": (
        Instance((Student(1, 1, False, (X, Y)), Student(2, 1, False, (X,))), one_group_each(X, Y)),
        {1: Y + 1, 2: X + 1},
        {},
        (1, 1),
    ),
    "priority beats non-priority": (
        Instance((Student(1, 1, False, (X,)), Student(2, 2, True, (X,))), one_group_each(X)),
        {2: X + 1},
        {1: Reason.AREAS_FULL},
        (1,),
    ),
    # Placing the priority student costs a 1st choice: priority comes first.
    "priority beats rank": (
        Instance((Student(1, 1, False, (X,)), Student(2, 2, True, (Y, X))), (Group(X + 1, X, 1), Group(Y + 1, Y, 0))),
        {2: X + 1},
        {1: Reason.AREAS_FULL},
        (0, 1),
    ),
    # Four students, four single seats: the most 1st choices (2), then the most 2nd choices (1) - while
    # minimising the sum of ranks would pick (1, 3, 0) instead.
    "rank-maximal, not least total rank": (
        Instance(
            (
                Student(1, 1, False, (W, X, Y)),
                Student(2, 1, False, (W, Y, X)),
                Student(3, 1, False, (Y, Z, W)),
                Student(4, 1, False, (W, X, Z)),
            ),
            one_group_each(W, X, Y, Z),
        ),
        {1: X + 1, 2: W + 1, 3: Y + 1, 4: Z + 1},
        {},
        (2, 1, 1),
    ),
    # Exchanges through many areas: with rank weights 4, 2, 1 the cheapest flow would be (2, 3, 1) ...
    "rank weights outweigh exchanges through 4 areas": (
        Instance(
            (
                Student(1, 1, False, (5, 3, 0)),
                Student(2, 1, False, (6, 5, 1)),
                Student(5, 1, False, (6, 1, 8)),
                Student(6, 1, False, (3, 0, 6)),
                Student(7, 1, False, (6, 3, 1)),
                Student(8, 1, False, (5, 8, 2)),
            ),
            one_group_each(0, 1, 2, 3, 5, 6, 8),
        ),
        None,  # several placements reach the optimum
        {},
        (3, 0, 3),
    ),
    # ... and with 9, 3, 1 it would be (5, 5, 0): the weights must grow with the number of areas.
    "rank weights outweigh exchanges through 5 areas": (
        Instance(
            (
                Student(0, 1, False, (7, 6, 1)),
                Student(1, 1, False, (0, 4, 7)),
                Student(2, 1, False, (3, 8, 5)),
                Student(3, 1, False, (9, 0, 3)),
                Student(5, 1, False, (2, 9, 4)),
                Student(6, 1, False, (9, 0, 8)),
                Student(7, 1, False, (7, 8, 0)),
                Student(8, 1, False, (3, 5, 6)),
                Student(9, 1, False, (8, 2, 0)),
                Student(10, 1, False, (4, 1, 6)),
            ),
            one_group_each(*range(10)),
        ),
        {0: 2, 1: 1, 2: 6, 3: 4, 5: 3, 6: 10, 7: 8, 8: 7, 9: 9, 10: 5},
        {},
        (6, 0, 4),
    ),
    # The cap lets one student of school 1 in; sending the one who wanted Y lets school 2's student in too.
    "school cap": (
        Instance(
            (Student(1, 1, False, (X,)), Student(2, 1, False, (Y,)), Student(3, 2, False, (X,))),
            one_group_each(X, Y),
            school_cap=1,
        ),
        {2: Y + 1, 3: X + 1},
        {1: Reason.SCHOOL_CAP},
        (2,),
    ),
    "event capacity": (
        Instance((Student(1, 1, False, (X,)), Student(2, 2, True, (Y,))), one_group_each(X, Y), event_capacity=1),
        {2: Y + 1},
        {1: Reason.EVENT_FULL},
        (1,),
    ),
    "no choices": (
        Instance((Student(1, 1, False, ()), Student(2, 1, False, (X,))), one_group_each(X)),
        {2: X + 1},
        {1: Reason.NO_CHOICES},
        (1,),
    ),
    "nothing to place": (Instance((), one_group_each(X)), {}, {}, ()),
}


@pytest.mark.parametrize(("instance", "placements", "unplaced", "by_rank"), CASES.values(), ids=CASES.keys())
def test_hand_made_case(instance: Instance, placements: dict | None, unplaced: dict, by_rank: tuple) -> None:
    outcome = allocate(instance)
    assert (outcome.unplaced, outcome.by_rank) == (unplaced, by_rank)
    assert placements is None or outcome.placements == placements
    assert_valid(instance, outcome)


@pytest.mark.parametrize(
    ("capacities", "students", "expected"),
    [((10, 5), 6, [4, 2]), ((3, 3, 4), 7, [2, 2, 3]), ((0, 4), 3, [0, 3]), ((2, 2), 4, [2, 2]), ((5, 1), 5, [4, 1])],
)
def test_groups_of_an_area_fill_in_proportion_to_capacity(capacities: tuple, students: int, expected: list) -> None:
    groups = tuple(Group(i, X, capacity) for i, capacity in enumerate(capacities))
    outcome = allocate(Instance(tuple(Student(i, 1, False, (X,)) for i in range(students)), groups))
    assert list(outcome.by_group.values()) == expected


# ---------------------------------------------------------------------------------------------------------------------
# Bad input.

GROUPS = one_group_each(X, Y)


@pytest.mark.parametrize(
    ("instance", "message"),
    [
        (Instance((Student(1, 1, False, (X, Y, X)),), GROUPS), "student 1 chose the same area twice"),
        (Instance((Student(1, 1, False, (X, Z)),), GROUPS), "student 1 chose area 30, which has no group"),
        (Instance((), (Group(1, X, -1),)), "group 1 has a negative capacity"),
        (Instance((), GROUPS, event_capacity=-1), "event_capacity must not be negative"),
        (Instance((), GROUPS, school_cap=-2), "school_cap must not be negative"),
        (Instance((Student(1, 1, False, (X,)), Student(1, 2, False, (Y,))), GROUPS), "student ids must be unique"),
        (Instance((), (Group(1, X, 1), Group(1, Y, 1))), "group ids must be unique"),
        (
            Instance((Student(1, 5, False, (X,)), Student(2, 5, True, (Y,))), GROUPS),
            "school 5 has both priority and non-priority students",
        ),
    ],
)
def test_bad_input_is_refused(instance: Instance, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        allocate(instance)


def test_rank_weights_beyond_int64_are_refused() -> None:
    groups = tuple(Group(a, a, 1) for a in range(40))
    students = tuple(Student(i, 1, False, tuple((i + j) % 40 for j in range(14))) for i in range(40))
    with pytest.raises(ValueError, match="pass the 64-bit integers"):
        allocate(Instance(students, groups))


def near_limit_instance(seed: int) -> Instance:
    """11 ranked choices over 20-24 areas: rank weights close to what 64-bit costs can hold."""
    rnd = random.Random(seed)
    num_areas = rnd.randint(20, 24)
    groups = tuple(Group(a, a, rnd.randint(0, 3)) for a in range(num_areas))
    students = tuple(
        Student(i, i % 5, i % 5 < 2, tuple(rnd.sample(range(num_areas), 11)))
        for i in range(rnd.randint(num_areas, 3 * num_areas))
    )
    return Instance(students, groups, rnd.choice([None, len(students) // 2]), rnd.choice([None, 8]), seed)


@pytest.mark.parametrize("seed", range(8))
def test_near_the_64_bit_limit_the_answer_is_exact_or_refused(seed: int) -> None:
    instance = near_limit_instance(seed)
    try:
        outcome = allocate(instance)
    except ValueError as refused:
        assert "pass the 64-bit integers" in str(refused)
    else:
        levels = allocation_oracle.Levels(outcome.priority_placed, outcome.placed, outcome.by_rank)
        assert levels == allocation_oracle.solve(instance)
