"""``make slides`` decks work offline: reveal.js starts, every figure shows, the math is typeset.

The decks are built by ``tools/build_slides.py`` (what ``make slides`` runs) into a temporary
folder and opened from ``file://`` in Chromium with every non-file request aborted, so a
deck that needs a CDN fails here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import frames_driver
import lab_driver

sys.path.insert(0, str(lab_driver.REPO_ROOT / "tools"))
import build_slides  # noqa: E402

NOTEBOOKS = sorted(lab_driver.notebook_dir().glob("*.ipynb"))


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("slides")
    return {path.name: path for path in build_slides.build(lab_driver.notebook_dir(), out)}


def _figures_in(notebook: Path) -> int:
    cells = json.loads(notebook.read_text())["cells"]
    visible = [c for c in cells
               if c["cell_type"] == "code"
               and c["metadata"].get("slideshow", {}).get("slide_type") not in ("skip", "notes")]
    return sum("image/png" in o.get("data", {}) for c in visible for o in c["outputs"])


def test_one_deck_per_notebook(decks):
    assert sorted(decks) == sorted(f"{p.stem}.slides.html" for p in NOTEBOOKS)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_deck_opens_offline_with_its_figures_and_math(notebook, decks, chromium):
    deck = decks[f"{notebook.stem}.slides.html"]
    context, page, blocked = frames_driver.open_offline(chromium, deck, viewport=(1280, 800))
    try:
        page.wait_for_selector(".reveal.ready", state="attached", timeout=20_000)
        slides = page.evaluate(
            "() => document.querySelectorAll('.reveal .slides section:not(.stack)').length")
        assert slides >= 3, f"{deck.name}: only {slides} slides"
        images = page.evaluate("""() => [...document.querySelectorAll('.reveal img')].map(
            img => ({ok: img.complete && img.naturalWidth > 0, src: img.src.slice(0, 30)}))""")
        assert len(images) >= _figures_in(notebook), (
            f"{deck.name}: {len(images)} images, the notebook shows {_figures_in(notebook)}")
        broken = [i for i in images if not i["ok"]]
        assert not broken, f"{deck.name}: images that do not load: {broken}"
        has_math = "$" in notebook.read_text()
        if has_math:
            page.wait_for_function(
                "() => document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_CHTML')"
                ".length > 0", timeout=20_000)
            errors = page.evaluate("() => document.querySelectorAll('.MathJax_Error, "
                                   "merror').length")
            assert errors == 0, f"{deck.name}: {errors} formulas MathJax could not typeset"
        needed = [url for url in blocked if "mermaid" not in url and "fonts.googleapis" not in url]
        assert not needed, f"{deck.name} asked the network for {needed}"
    finally:
        context.close()
