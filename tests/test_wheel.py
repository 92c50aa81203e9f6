"""``pip install`` of a built wheel gives a working tool: the bundled outlets, topic and demo web
are package data, and the database goes to the user data folder, not into the package.

The wheel is built offline from a copy of the tracked files (so the checkout gets no build/)
and installed, without its dependencies, into a fresh venv that sees this interpreter's
site-packages; the venv's own copy must be the one imported.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tracked_files(dest: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel of this checkout installed; its bin folder."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to know the tracked files")
    base = tmp_path_factory.mktemp("wheel")
    source, dist, venv = base / "src", base / "dist", base / "venv"
    _tracked_files(source)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", str(source),
                    "-w", str(dist)], check=True, capture_output=True)
    wheel = next(dist.glob("newscrawl-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(venv)],
                   check=True)
    subprocess.run([*pip, "--python", str(venv / "bin" / "python"), "install", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    return venv / "bin"


def _env(data_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    return {**env, "XDG_DATA_HOME": str(data_home)}


@pytest.mark.slow
def test_the_installed_wheel_imports_its_own_copy_with_its_data(installed: Path, tmp_path: Path) -> None:
    code = ("import newscrawl, newscrawl.settings as s\n"
            "from newscrawl.crawl.fixture_web import default_root\n"
            "print(newscrawl.__file__, default_root(), s.NEWSCRAWL_SOURCES, s.NEWSCRAWL_DB, sep='\\n')")
    result = subprocess.run([str(installed / "python"), "-c", code], cwd=tmp_path, env=_env(tmp_path / "xdg"),
                            capture_output=True, text=True, check=True)
    module, web, sources, db = map(Path, result.stdout.split("\n")[:4])
    venv = installed.parent
    assert module.is_relative_to(venv), module  # not the editable checkout
    assert web.is_relative_to(venv) and (web / "routes.toml").is_file()
    assert sources.is_relative_to(venv) and sources.is_file()
    assert db == tmp_path / "xdg" / "newscrawl" / "news.db"  # not inside the package


@pytest.mark.slow
def test_the_installed_wheel_runs_the_demo_from_any_folder(installed: Path, tmp_path: Path) -> None:
    env = _env(tmp_path / "xdg")
    anywhere = tmp_path / "somewhere"
    anywhere.mkdir()
    demo = subprocess.run([str(installed / "newscrawl"), "demo", "--no-progress"], cwd=anywhere, env=env,
                          capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Traceback" not in demo.stderr
    db = tmp_path / "xdg" / "newscrawl" / "demo.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] >= 20
    assert list(anywhere.iterdir()) == []  # nothing written where it ran
    # the README's next step reads the demo's database
    search = subprocess.run([str(installed / "newscrawl"), "search", "ICE", "--json"], cwd=anywhere, env=env,
                            capture_output=True, text=True, timeout=60)
    assert search.returncode == 0, search.stderr
    assert "reading the demo's" in search.stderr and '"outlet"' in search.stdout
    init = subprocess.run([str(installed / "newscrawl"), "init", "study"], cwd=anywhere, env=env,
                          capture_output=True, text=True, timeout=60)
    assert init.returncode == 0, init.stderr
    assert (anywhere / "study" / "topics" / "ice-tech-workers.toml").is_file()
    # the installed command produces its shell completion script (docs: README, "Shell completion")
    completion = subprocess.run([str(installed / "newscrawl")], cwd=anywhere, capture_output=True, text=True,
                                env={**env, "_NEWSCRAWL_COMPLETE": "bash_source"}, timeout=60)
    assert completion.returncode == 0 and "_newscrawl_completion()" in completion.stdout
