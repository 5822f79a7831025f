"""Exact, seeded allocation of accepted students to home groups. Pure: no Django, no ORM, no settings.

Objective, lexicographic, within every group capacity, the event capacity and an optional per-school cap:
1. place as many students from priority schools as possible;
2. then as many students as possible;
3. then rank-maximal: as many 1st choices as possible, then 2nd choices, and so on.
A student is only placed in a group of an area they chose. Ties are broken by a lottery seeded with
``Instance.seed``: the same instance and seed always give the same outcome.

How: students with the same choices (and priority, and school when schools are capped) are
interchangeable, so a flow network carries classes of them (classes.py); two max flows and one
min-cost flow give the exact optimum (network.py); the lottery then picks which students of a class
take its places and deals each area's students into its groups (solve.py).
"""

from .model import Group, Instance, Outcome, Reason, Student
from .solve import allocate

__all__ = ["Group", "Instance", "Outcome", "Reason", "Student", "allocate"]
