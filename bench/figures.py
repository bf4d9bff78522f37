"""Figures for docs/: the default model's calibration on held-out data, and a screenshot of the HTML report.

python bench/figures.py          # needs chromium for the screenshot (apt-get install chromium)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from credscore import default_model  # noqa: E402
from credscore.evaluation import calibration_svg  # noqa: E402
from credscore.report import render_html  # noqa: E402


def main() -> int:
    img = ROOT / "docs" / "img"
    img.mkdir(parents=True, exist_ok=True)
    meta = default_model().metadata["heldout_metrics"]
    for name, title in (("polnear_dev", "Default model, PolNeAR dev"), ("szeged_test", "Default model, Szeged test")):
        out = img / f"calibration-{name.replace('_', '-')}.svg"
        out.write_text(calibration_svg(meta[name]["calibration"], title))
        print("wrote", out)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium not found: no screenshot", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        text = (ROOT / "examples" / "wire-story.txt").read_text(encoding="utf-8")
        page.write_text(render_html(text, title="A letter nobody has seen"), encoding="utf-8")
        shot = img / "report.png"
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp}/profile",
             "--window-size=900,1250", "--hide-scrollbars", f"--screenshot={shot}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        print("wrote", shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
