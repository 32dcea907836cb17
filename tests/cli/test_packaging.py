"""Top-level `prompts/` and `assets/` ship inside the wheel and load from a checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sitante_tui.domain.prompt_library import load_prompt_library
from sitante_tui.paths import bundled_dir

ROOT = Path(__file__).resolve().parents[2]


def test_editable_install_reads_the_top_level_folders() -> None:
    assert bundled_dir("prompts") == ROOT / "prompts"
    assert bundled_dir("assets") == ROOT / "assets"
    library = load_prompt_library(bundled_dir("prompts"))
    assert len(library.agenda_examples("id")) == 20, "the booklet's 20 agenda examples load"


@pytest.mark.skipif(shutil.which("uv") is None, reason="building the wheel needs uv")
def test_wheel_carries_prompts_and_assets(tmp_path: Path) -> None:
    # `uv build` copies the checkout into an isolated build; hatchling comes from the uv cache.
    subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("sitante-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for prompt in (ROOT / "prompts").glob("*.toml"):
        assert f"sitante_tui/prompts/{prompt.name}" in names
    for asset in (ROOT / "assets").iterdir():
        assert f"sitante_tui/assets/{asset.name}" in names
    assert "sitante_tui/locales/session.toml" in names

    # Installed from the wheel alone, the package finds its prompts inside itself.
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    probe = (
        f"import sys; sys.path.insert(0, {str(target)!r}); import sitante_tui.paths as p; "
        "d = p.bundled_dir('prompts'); print(d); sys.exit(0 if (d / 'agenda_examples.toml')"
        ".is_file() else 1)"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == target / "sitante_tui" / "prompts"
