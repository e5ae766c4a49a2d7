"""``--final-screenshot``: what a passing scenario's report shows of its last page. By
default the window (JPEG), ``off`` nothing; a failing scenario always gets the whole page
as PNG (tests/suite/test_evidence*.py and the selfcheck runs cover that side)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
# one of the five broken id_tokens: a single short scenario
ONE = ["-m", "sso", "-k", "id_token and not dù_các", "--shard", "1/5"]
FINAL = "Ảnh chụp trạng thái cuối"


def final_screenshots(results: Path, *args: str) -> list[tuple[str, bytes]]:
    """Run the one scenario; the type and bytes of each final screenshot it attached."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features", *ONE, "--alluredir", str(results),
         "-q", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    (result_file,) = results.glob("*-result.json")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    assert result["status"] == "passed"
    return [
        (a["type"], (results / a["source"]).read_bytes())
        for a in result.get("attachments", [])
        if a["name"] == FINAL
    ]


def test_by_default_the_window_as_jpeg(tmp_path: Path) -> None:
    (shot,) = final_screenshots(tmp_path / "viewport")
    kind, data = shot
    assert kind == "image/jpg"  # allure-python's JPG type; Allure 3 shows it as an image
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert image.size == (1280, 720), "the window of pytest-playwright's default context"


def test_off_attaches_none(tmp_path: Path) -> None:
    assert final_screenshots(tmp_path / "off", "--final-screenshot", "off") == []
