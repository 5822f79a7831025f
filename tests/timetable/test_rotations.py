from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timetable.rotations import Rotation, Visit, plan_rotation, rotation_visits, split_into_subgroups

ACTIVITIES = ("marketplace", "campus tour", "careers info")
SLOTS = ("10:00", "11:00", "12:00")


def test_the_write_ups_rotation_of_21_students_in_3_sub_groups() -> None:
    rotation = plan_rotation(range(1, 22), 3, ACTIVITIES, SLOTS, seed=0)
    assert rotation == Rotation(
        subgroups=(
            (1, 11, 12, 15, 18, 19, 20),
            (3, 4, 5, 6, 8, 10, 21),
            (2, 7, 9, 13, 14, 16, 17),
        ),
        visits=(
            Visit(0, "10:00", "marketplace"),
            Visit(1, "10:00", "campus tour"),
            Visit(2, "10:00", "careers info"),
            Visit(0, "11:00", "campus tour"),
            Visit(1, "11:00", "careers info"),
            Visit(2, "11:00", "marketplace"),
            Visit(0, "12:00", "careers info"),
            Visit(1, "12:00", "marketplace"),
            Visit(2, "12:00", "campus tour"),
        ),
    )


def test_the_latin_square_alone_for_sub_groups_already_split() -> None:
    assert rotation_visits(ACTIVITIES, SLOTS) == plan_rotation(range(21), 3, ACTIVITIES, SLOTS).visits


@pytest.mark.parametrize(
    ("activities", "slots"),
    [pytest.param((), (), id="no-activities"), pytest.param(ACTIVITIES, SLOTS[:2], id="too-few-slots")],
)
def test_a_latin_square_needs_as_many_slots_as_activities(activities: tuple[str, ...], slots: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="at least one activity and as many slots as activities"):
        rotation_visits(activities, slots)


@pytest.mark.parametrize(
    ("members", "k", "activities", "slots", "message"),
    [
        pytest.param(range(5), 0, (), (), "need at least one sub-group", id="no-sub-groups"),
        pytest.param(
            range(2), 3, ACTIVITIES, SLOTS, "no more sub-groups than members", id="more-sub-groups-than-members"
        ),
        pytest.param(range(21), 3, ACTIVITIES[:2], SLOTS, "needs 3 activities and 3 slots", id="too-few-activities"),
        pytest.param(
            range(21), 3, ACTIVITIES, (*SLOTS, "13:00"), "needs 3 activities and 3 slots", id="too-many-slots"
        ),
        pytest.param((1, 2, 2), 2, ACTIVITIES[:2], SLOTS[:2], "members of a rotation must be distinct", id="twin"),
        pytest.param(
            range(4), 2, ("tour", "tour"), SLOTS[:2], "activities of a rotation must be distinct", id="repeat"
        ),
    ],
)
def test_bad_input_is_refused(
    members: range | tuple[int, ...], k: int, activities: tuple[str, ...], slots: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        plan_rotation(members, k, activities, slots)


groups = st.lists(st.integers(), min_size=1, max_size=60, unique=True).flatmap(
    lambda members: st.tuples(st.just(members), st.integers(1, len(members)), st.integers(0, 2**32))
)


@given(groups)
def test_sub_groups_partition_the_members_with_balanced_sizes(group: tuple[list[int], int, int]) -> None:
    members, k, seed = group
    subgroups = split_into_subgroups(members, k, seed=seed)
    assert len(subgroups) == k
    assert Counter(member for subgroup in subgroups for member in subgroup) == Counter(members)
    sizes = [len(subgroup) for subgroup in subgroups]
    assert max(sizes) - min(sizes) <= 1
    assert sizes == sorted(sizes, reverse=True)
    assert all(list(subgroup) == [member for member in members if member in subgroup] for subgroup in subgroups)
    assert split_into_subgroups(members, k, seed=seed) == subgroups


@given(groups)
def test_every_sub_group_does_every_activity_once_and_never_shares_a_slot(group: tuple[list[int], int, int]) -> None:
    members, k, seed = group
    activities, slots = [f"activity {i}" for i in range(k)], [f"slot {j}" for j in range(k)]
    rotation = plan_rotation(members, k, activities, slots, seed=seed)
    assert rotation.subgroups == split_into_subgroups(members, k, seed=seed)
    assert [(visit.slot, visit.subgroup) for visit in rotation.visits] == [
        (slot, i) for slot in slots for i in range(k)
    ]
    for i in range(k):
        assert sorted(visit.activity for visit in rotation.visits if visit.subgroup == i) == sorted(activities)
    for slot in slots:
        assert sorted(visit.activity for visit in rotation.visits if visit.slot == slot) == sorted(activities)
    assert all(
        visit.activity == activities[(visit.subgroup + slots.index(visit.slot)) % k] for visit in rotation.visits
    )
