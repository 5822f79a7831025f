"""Settings for `bench.load` only: production settings, with the survey's per-address limit raised.

In the real week each student's phone has its own address (or a venue's addresses are made known through a proxy);
the load run sends every student from 127.0.0.1, where the production limit of 30 posts a minute would refuse
the 31st student. Everything else is production as it stands.
"""

from eventsite.settings import *  # noqa: F403

FEEDBACK_PUBLIC_RATE = "100000/m"
