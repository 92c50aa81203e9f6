"""newscrawl's extraction figures on real pages never fall below their floors (bench/floors.json).

Runs newscrawl alone (no trafilatura, no timing) on the article-extraction benchmark and the
two metadata corpora of ../shared/corpora; about 10 s of CPU on two workers, hence slow.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _floors_module():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_floors", BENCH / "floors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_extraction_figures_hold_their_floors() -> None:
    floors_module = _floors_module()
    corpora = floors_module.eval_metadata.DEFAULT_CORPORA
    if not (corpora / "metadata-postlight").is_dir():
        pytest.skip("../shared/corpora not present")
    floors = json.loads(floors_module.FLOORS.read_text())
    assert {k.split("/")[0] for k in floors} == {"body", "metadata"}
    figures = floors_module.measure(workers=2)
    assert floors_module.regressions(figures, floors) == []


def test_a_figure_below_its_floor_is_a_regression() -> None:
    floors_module = _floors_module()
    floors = {"body/tune/f1": 0.97, "metadata/held-out/titles": 0.85}
    assert floors_module.regressions({"body/tune/f1": 0.9705, "metadata/held-out/titles": 0.86}, floors) == []
    assert floors_module.regressions({"body/tune/f1": 0.968, "metadata/held-out/titles": 0.86}, floors) == [
        "body/tune/f1: 0.968 below the floor 0.97"
    ]
    assert len(floors_module.regressions({}, floors)) == 2


def test_the_sentence_measures_count_whole_sentences() -> None:
    sys.path.insert(0, str(BENCH))
    import eval_extraction

    truth = "The bridge reopened on Monday. Repairs took eight months.\n\nShops welcomed the traffic."
    pred = "The bridge reopened on Monday.\n\nRepairs took eight weeks. Sign up for our newsletter!"
    contain, clean = eval_extraction.sentence_scores(truth, pred)
    assert contain == 1 / 3  # one of the three truth sentences is in the output whole
    assert clean == 1 / 3  # one of the three output sentences is in the truth
    assert eval_extraction.sentence_scores(truth, truth) == (1.0, 1.0)
    assert eval_extraction.sentence_scores(truth, "") == (0.0, None)
    cjk = "中央和国家机关有关部门负责同志也前往送别"  # one 20-character token, no spaces
    assert eval_extraction.sentences(f"{cjk}。Ok.") == [cjk]
