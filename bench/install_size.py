"""How much disk each dependency of newscrawl takes once installed, from the installed
distributions' RECORD files (the files pip wrote, summed), for the base install and each extra.

    python bench/install_size.py                 # base install, then what each extra adds
    python bench/install_size.py --extras dev    # the closure of newscrawl[dev]

Each direct dependency is charged with the distributions only it brings in (shared ones are
listed under "shared"), so the rows add up to the total. Sizes are of the versions installed in
this environment, which may differ from a fresh install's.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata as md
import re
from collections.abc import Iterable
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _requires(dist: str, extras: Iterable[str] = ()) -> list[str]:
    """The distributions ``dist`` (with ``extras``) requires in this environment, by name."""
    try:
        declared = md.distribution(dist).requires or []
    except md.PackageNotFoundError:
        return []
    names = []
    for line in declared:
        req = Requirement(line)
        environments = [{**default_environment(), "extra": e} for e in ("", *extras)]
        if req.marker is not None and not any(req.marker.evaluate(env) for env in environments):
            continue
        names.append(_name(req.name) + ("[" + ",".join(sorted(req.extras)) + "]" if req.extras else ""))
    return names


def closure(roots: Iterable[str]) -> set[str]:
    """Every distribution the ``roots`` (``name`` or ``name[extra,...]``) need, themselves included."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        spec = todo.pop()
        name, _, extras = spec.partition("[")
        wanted = [e for e in extras.rstrip("]").split(",") if e]
        key = name if not wanted else f"{name}[{','.join(wanted)}]"
        if key in seen:
            continue
        seen.add(key)
        todo += _requires(name, wanted)
    return {s.partition("[")[0] for s in seen}


def installed_bytes(dist: str) -> int:
    """The bytes of the files ``dist`` installed (its RECORD), 0 when it is not installed."""
    try:
        files = md.distribution(dist).files or []
    except md.PackageNotFoundError:
        return 0
    total = 0
    for file in files:
        with contextlib.suppress(OSError):  # listed but gone (a file removed by hand)
            total += Path(file.locate()).stat().st_size
    return total


def attribute(direct: list[str]) -> tuple[dict[str, set[str]], set[str]]:
    """Direct dependency -> the distributions only it brings in; and those shared by several."""
    closures = {d: closure([d]) for d in direct}
    owners: dict[str, list[str]] = {}
    for d, dists in closures.items():
        for dist in dists:
            owners.setdefault(dist, []).append(d)
    own = {d: {x for x in dists if owners[x] == [d]} for d, dists in closures.items()}
    shared = {x for x, who in owners.items() if len(who) > 1}
    return own, shared


def table(direct: list[str], title: str, skip: set[str] = frozenset()) -> int:
    """Print the size each of ``direct`` brings (beyond ``skip``); the total in bytes."""
    own, shared = attribute(direct)
    rows = []
    for d, dists in own.items():
        dists -= skip
        rows.append((sum(installed_bytes(x) for x in dists), d.partition("[")[0], len(dists)))
    shared -= skip
    rows.append((sum(installed_bytes(x) for x in shared), "shared", len(shared)))
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows)
    print(f"\n{title}: {total / 1e6:,.0f} MB")
    print(f"  {'dependency':28} {'MB':>7} {'dists':>6}")
    for size, name, count in rows:
        if size:
            print(f"  {name:28} {size / 1e6:7.1f} {count:6d}")
    biggest = sorted(((installed_bytes(x), x) for x in shared), reverse=True)[:6]
    if biggest and biggest[0][0]:
        print("  shared, the largest: " + ", ".join(f"{x} {b / 1e6:.0f}" for b, x in biggest if b))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extras", default="", help="comma-separated extras of newscrawl to include")
    args = parser.parse_args()
    extras = [e for e in args.extras.split(",") if e]
    base = _requires("newscrawl")
    own_size = installed_bytes("newscrawl")
    print(f"newscrawl itself: {own_size / 1e6:.1f} MB (an editable install counts only its metadata)")
    base_total = table(base, "base install (pip install newscrawl)", skip={"newscrawl"})
    base_dists = closure(base)
    declared = md.distribution("newscrawl").metadata.get_all("Provides-Extra") or []
    for extra in extras or [e for e in declared if e != "dev"]:
        added = [r for r in _requires("newscrawl", [extra]) if r not in base]
        size = table(added, f"newscrawl[{extra}] adds", skip=base_dists | {"newscrawl"})
        print(f"  base + {extra}: {(base_total + size) / 1e6:,.0f} MB")


if __name__ == "__main__":
    main()
