"""What one command needs is an extra (pyproject.toml): without it, that command says how to
install it in one Error: line, and the rest of the tool works."""

from __future__ import annotations

import importlib.util
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from smallweb import assert_user_error, run

from newscrawl.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """A function that hides libraries from ``importlib.util.find_spec``."""
    real = importlib.util.find_spec

    def hide(*names: str) -> None:
        monkeypatch.setattr(importlib.util, "find_spec",
                            lambda name, *args: None if name.split(".")[0] in names else real(name, *args))

    return hide


def test_parquet_export_without_pyarrow_names_the_extra(tmp_path: Path, without: Callable[..., None]) -> None:
    Store.open(tmp_path / "news.db").close()
    without("pyarrow")
    code, out = run("export", "--db", str(tmp_path / "news.db"), "-o", str(tmp_path / "a.parquet"))
    assert_user_error(code, out, "pyarrow", "pip install 'newscrawl[parquet]'")
    assert not (tmp_path / "a.parquet").exists()
    code, out = run("export", "--db", str(tmp_path / "news.db"), "-o", str(tmp_path / "a.jsonl"))
    assert code == 0, out  # the other formats need nothing more


def test_report_without_matplotlib_names_the_extra(tmp_path: Path, without: Callable[..., None]) -> None:
    Store.open(tmp_path / "news.db").close()
    without("matplotlib")
    code, out = run("report", "--db", str(tmp_path / "news.db"), "-o", str(tmp_path / "r.html"))
    assert_user_error(code, out, "matplotlib", "pip install 'newscrawl[report]'")
    assert not (tmp_path / "r.html").exists()


def test_the_readme_install_gives_the_full_tool() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    assert "newscrawl[serve,parquet,report,coverage]" in extras["dev"]
    assert "pip install -e '.[dev]'" in (ROOT / "README.md").read_text()
    extra_only = ("pyarrow", "matplotlib", "statsmodels")
    assert not any(dep.startswith(extra_only) for dep in project["dependencies"])
