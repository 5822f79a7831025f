"""The class network and its three exact solves.

Nodes: a priority source and a non-priority source -> [school, when capped] -> class -> area -> event -> sink.
1. Max flow from the priority source alone: P*, the most priority students that can be placed.
2. Max flow from both sources: T*, the most students. Augmenting paths never reduce the flow leaving the
   source on any arc, so a flow can reach T* from one that carries P*: both optima hold together.
3. Min-cost flow with fixed supplies (P* priority, T* - P* other) and rank costs on class -> area arcs
   that make the cheapest flow rank-maximal.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from ortools.graph.python import max_flow, min_cost_flow

from .classes import Areas, Classes

SOURCE_P, SOURCE_N, EVENT, SINK = 0, 1, 2, 3
FIRST_AREA = 4
INT64_MAX = int(np.iinfo(np.int64).max)
TOO_WIDE = (
    "the rank weights for this many ranked choices over this many service areas pass the 64-bit integers of the "
    "min-cost flow; allow fewer choices per student or fewer service areas"
)


@dataclass(frozen=True, slots=True)
class Network:
    tails: np.ndarray
    heads: np.ndarray
    capacities: np.ndarray
    costs: np.ndarray
    choices: slice  # where the class -> area arcs sit, in the order of Classes.arc_*
    num_nodes: int


@dataclass(frozen=True, slots=True)
class Flow:
    priority: int  # P*
    total: int  # T*
    choices: np.ndarray  # flow on each class -> area arc


def rank_costs(ranks: int, num_areas: int, num_classes: int, num_nodes: int) -> np.ndarray:
    """Unit cost per rank such that, with the flow's size fixed, the cheapest flow is rank-maximal.

    Rank r gains B**(ranks-1-r); the cost is the gain given up against a 1st choice. A simple residual
    cycle visits each area and each class once, so it crosses at most m = 2*min(areas, classes) class -> area
    arcs and changes the rank counts by at most m in total. With B > m no cycle can buy one better rank
    with any number of worse ones, so lexicographic and weighted optima coincide.
    """
    base = 2 * min(num_areas, num_classes) + 1
    top = base ** max(ranks - 1, 0)
    costs = [top - base ** (ranks - 1 - r) for r in range(ranks)]
    # SimpleMinCostFlow adds two nodes, scales costs by its node count + 1 and wants twice that within int64.
    if costs and costs[-1] > INT64_MAX // (2 * (num_nodes + 3)):
        raise ValueError(TOO_WIDE)
    return np.array(costs, np.int64)


def build(classes: Classes, areas: Areas, event_capacity: int | None, school_cap: int | None) -> Network:
    """Lay out the nodes and arcs as flat arrays, as OR-Tools' vectorised API takes them."""
    num_areas, num_schools, num_classes = areas.ids.size, classes.school_ids.size, classes.sizes.size
    first_school = FIRST_AREA + num_areas
    first_class = first_school + (num_schools if school_cap is not None else 0)
    num_nodes = first_class + num_classes
    arcs = _ArcList()
    class_tails = np.where(classes.priority, SOURCE_P, SOURCE_N)
    if school_cap is not None:
        school_tails = np.where(classes.school_priority, SOURCE_P, SOURCE_N)
        arcs.add(school_tails, first_school + np.arange(num_schools), school_cap)
        class_tails = first_school + classes.school
    arcs.add(class_tails, first_class + np.arange(num_classes), classes.sizes)
    ranks = int(classes.arc_rank.max()) + 1 if classes.arc_rank.size else 0
    costs = rank_costs(ranks, num_areas, num_classes, num_nodes)[classes.arc_rank]
    choices = arcs.add(
        first_class + classes.arc_class, FIRST_AREA + classes.arc_area, classes.sizes[classes.arc_class], costs
    )
    arcs.add(FIRST_AREA + np.arange(num_areas), EVENT, areas.capacity)
    arcs.add(EVENT, SINK, int(classes.sizes.sum()) if event_capacity is None else event_capacity)
    return Network(*arcs.arrays(), choices=choices, num_nodes=num_nodes)


def solve(network: Network) -> Flow:
    """Run the three solves; the result meets every capacity and is lexicographically optimal."""
    priority, total = _max_flows(network)
    solver = min_cost_flow.SimpleMinCostFlow()
    arcs = solver.add_arcs_with_capacity_and_unit_cost(network.tails, network.heads, network.capacities, network.costs)
    nodes = np.array([SOURCE_P, SOURCE_N, SINK], np.int32)
    solver.set_nodes_supplies(nodes, np.array([priority, total - priority, -total], np.int64))
    status = solver.solve()
    if status == solver.BAD_COST_RANGE:  # node potentials would have overflowed: the weights are too wide
        raise ValueError(TOO_WIDE)
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status.name}")
    return Flow(priority, total, np.asarray(solver.flows(arcs[network.choices]), np.int64))


def _max_flows(network: Network) -> tuple[int, int]:
    """P* from the priority source alone, then T* from both, through a root above the two sources."""
    solver = max_flow.SimpleMaxFlow()
    solver.add_arcs_with_capacity(network.tails, network.heads, network.capacities)
    root, bound = network.num_nodes, int(network.capacities[-1])  # the event -> sink arc bounds every flow
    solver.add_arc_with_capacity(root, SOURCE_P, bound)
    others = solver.add_arc_with_capacity(root, SOURCE_N, 0)
    priority = _max_flow_value(solver, root)
    solver.set_arc_capacity(others, bound)
    return priority, _max_flow_value(solver, root)


def _max_flow_value(solver: max_flow.SimpleMaxFlow, root: int) -> int:
    status = solver.solve(root, SINK)
    if status != solver.OPTIMAL:
        raise RuntimeError(f"max flow failed: {status.name}")
    return solver.optimal_flow()


class _ArcList:
    """Collects arcs in blocks; each block's tails, heads, capacities and costs broadcast together."""

    def __init__(self) -> None:
        self._blocks: list[tuple[np.ndarray, ...]] = []
        self._count = 0

    def add(self, tails: ArrayLike, heads: ArrayLike, capacities: ArrayLike, costs: ArrayLike = 0) -> slice:
        block = np.broadcast_arrays(*(np.atleast_1d(x) for x in (tails, heads, capacities, costs)))
        self._blocks.append(tuple(block))
        self._count += block[0].size
        return slice(self._count - block[0].size, self._count)

    def arrays(self) -> list[np.ndarray]:
        """Tails and heads as int32, capacities and costs as int64."""
        dtypes = (np.int32, np.int32, np.int64, np.int64)
        return [np.concatenate([b[i] for b in self._blocks]).astype(dtype) for i, dtype in enumerate(dtypes)]
