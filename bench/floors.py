"""Write or check the benchmark floors that tests/test_bench_floors.py holds newscrawl to.

    python bench/floors.py            # print the figures now and how they compare to the floors
    python bench/floors.py --write    # make the figures now the floors (after an improvement)

The floors (``bench/floors.json``) are newscrawl's own figures, per half, on the real pages
of ``shared/corpora``: body precision, recall and F1 and the sentence measures (contain,
clean) on the article-extraction benchmark (bench/eval_extraction.py), title and author
exact-match rates on the metadata corpora (bench/eval_metadata.py). A figure that falls below
its floor by more than TOLERANCE is a regression, as in trafilatura's evaluation gate
(tests/eval_gate.py there).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_extraction  # noqa: E402
import eval_metadata  # noqa: E402

FLOORS = Path(__file__).resolve().parent / "floors.json"
TOLERANCE = 0.001  # rounding of the stored figures


def measure(workers: int = 2) -> dict[str, float]:
    """{"body/<half>/<measure>": value, "metadata/<half>/<measure>": value}."""
    figures: dict[str, float] = {}
    for half, s in eval_extraction.newscrawl_scores(workers=workers).items():
        for name in ("precision", "recall", "f1", "contain", "clean"):
            figures[f"body/{half}/{name}"] = round(getattr(s, name), 3)
    table = eval_metadata.measure(workers=workers, trafilatura_too=False)[0]
    for half in ("tune", "held-out"):
        f = table["all", half, "newscrawl"]
        for name in ("titles", "authors", "byline"):
            figures[f"metadata/{half}/{name}"] = round(getattr(f, name), 3)
    return figures


def regressions(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [
        f"{key}: {figures.get(key)} below the floor {floor}"
        for key, floor in floors.items()
        if figures.get(key) is None or figures[key] < floor - TOLERANCE
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the figures as the floors")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    figures = measure(args.workers)
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    for key, value in figures.items():
        floor = floors.get(key)
        print(f"{key:<32}{value:>7.3f}   floor {floor if floor is not None else '-'}")
    if args.write:
        FLOORS.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
        print(f"wrote {FLOORS}")
        return 0
    failed = regressions(figures, floors)
    for line in failed:
        print("REGRESSION", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
