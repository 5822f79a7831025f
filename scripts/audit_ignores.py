"""Print pip-audit's --ignore-vuln flags from the reviewed allow-list in pyproject.toml ([tool.pip-audit-allow])."""

import tomllib
from pathlib import Path

allowed = tomllib.loads(Path(__file__).resolve().parents[1].joinpath("pyproject.toml").read_text())
for entry in allowed["tool"]["pip-audit-allow"]["ignore"]:
    if not entry.get("reason"):
        raise SystemExit(f"pip-audit allow-list entry {entry.get('id')} needs a reason")
    print("--ignore-vuln", entry["id"])
