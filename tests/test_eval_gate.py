"""The evaluation gate: publication-day accuracy on the real dated corpora may not fall.

Like trafilatura's ``tests/eval_gate.py`` with its ``eval_baseline.json``: ``bench/eval_dates.py``
scores newscrawl on every dated corpus in ``shared/corpora`` and this test fails when a figure
drops below its floor in ``bench/eval_dates_floors.json`` (the figures measured when the floors
were last raised). When a change improves a figure, raise its floor in the same commit.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
FLOORS = REPO / "bench" / "eval_dates_floors.json"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_dates", REPO / "bench" / "eval_dates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses and its worker processes look it up there
    spec.loader.exec_module(module)
    return module


eval_dates = _bench()
needs_corpora = pytest.mark.skipif(not (eval_dates.DEFAULT_CORPORA / "dates-htmldate").is_dir(),
                                   reason="shared/corpora not present")


def test_the_halves_are_split_by_a_hash_of_the_file_name() -> None:
    assert eval_dates.is_tune("hd-001f43cb87b4.html.gz") == eval_dates.is_tune("hd-001f43cb87b4.html.gz")
    names = [f"page-{i}.html.gz" for i in range(400)]
    assert 150 < sum(map(eval_dates.is_tune, names)) < 250


def test_the_floors_cover_every_corpus_and_both_halves() -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    for corpus in [*(c.name for c in eval_dates.CORPORA), "all"]:
        for half in ("tune", "held-out"):
            assert set(floors[f"{corpus}/{half}"]) >= set(eval_dates.OUR_METHODS), (corpus, half)


@pytest.mark.slow
@needs_corpora
def test_publication_day_accuracy_holds_its_floors() -> None:
    rows, truth = eval_dates.run(methods=eval_dates.OUR_METHODS, workers=2)
    got = eval_dates.figures(rows, truth, eval_dates.OUR_METHODS)
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    fallen = [f"{group} {method}: {got[group][method]:.3f} < floor {floor:.3f}"
              for group, by_method in floors.items() for method, floor in by_method.items()
              if method in eval_dates.OUR_METHODS and got[group][method] < floor]
    assert not fallen, "accuracy fell below its floor:\n" + "\n".join(fallen)
    pages = {g: floors[g]["pages"] for g in floors}
    assert {g: got[g]["pages"] for g in floors} == pages, "the corpora changed"
