"""Export every notebook to a reveal.js deck that works offline: ``make slides``.

``jupyter nbconvert --to slides`` writes decks that load reveal.js, require.js, jQuery and MathJax
from CDNs, so they show a blank page without a network. This script exports with nbconvert's
SlidesExporter (the same as ``jupyter nbconvert --to slides``) but points those at
local copies put next to the decks, in ``<out>/_static/``:

- reveal.js from the `sphinx-revealjs` package (it ships reveal.js's ``dist/`` and ``plugin/``),
- MathJax 2, require.js and jQuery from the `nbclassic` package (its ``static/components``).

Both are pip packages of the ``slides`` extra in ``pyproject.toml``; nothing is downloaded
here. Figures are PNGs embedded in the notebooks' outputs, explorers show their static
picture (the PNG stored next to the widget view), so a deck is self-contained apart from
``_static``: copy the folder to a USB stick and present anywhere, or print it as a handout
(append ``?print-pdf`` to the URL in Chromium).

Usage: ``python tools/build_slides.py [NOTEBOOK_DIR] [OUT_DIR]`` (defaults: notebooks, slides).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from nbconvert import SlidesExporter
import nbformat

MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
#: nbclassic's MathJax ships the STIX-Web fonts only (MathJax's default TeX fonts would be
#: fetched from a CDN): say so before MathJax loads.
MATHJAX_FONTS = ('<script>window.MathJax = {"HTML-CSS": {availableFonts: ["STIX-Web"], '
                 'preferredFont: "STIX-Web", webFont: "STIX-Web", imageFont: null}};</script>\n')


def package_folder(name: str) -> Path:
    """Where an installed package lives, without importing it (sphinx_revealjs imports Sphinx)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_slides: the package {name!r} is missing; install the slides extra: "
                 "pip install -e '.[slides]' (make slides does it)")
    return Path(next(iter(spec.submodule_search_locations)))


def copy_assets(out: Path) -> None:
    """reveal.js, MathJax and require.js into ``out/_static`` (once; kept between runs)."""
    static = out / "_static"
    reveal = package_folder("sphinx_revealjs") / "_static" / "revealjs"
    components = package_folder("nbclassic") / "static" / "components"
    for source, target in ((reveal, static / "reveal.js"),
                           (components / "MathJax", static / "MathJax")):
        if not target.exists():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.map"))
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(components / "requirejs" / "require.js", static / "require.js")
    shutil.copyfile(components / "jquery" / "jquery.min.js", static / "jquery.min.js")


def exporter() -> SlidesExporter:
    """nbconvert's slides exporter, pointed at the local copies."""
    slides = SlidesExporter()
    slides.reveal_url_prefix = "_static/reveal.js"
    slides.require_js_url = "_static/require.js"
    slides.jquery_url = "_static/jquery.min.js"
    slides.mathjax_url = f"_static/MathJax/MathJax.js?config={MATHJAX_CONFIG}"
    slides.reveal_theme = "simple"
    slides.reveal_scroll = True        # long slides scroll instead of being cut off
    slides.reveal_number = "c/t"       # slide numbers, for "go back to slide 12"
    return slides


def build(notebooks: Path, out: Path) -> list[Path]:
    """Write ``out/<name>.slides.html`` for every notebook of ``notebooks``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    slides, written = exporter(), []
    for notebook in sorted(notebooks.glob("*.ipynb")):
        body, _ = slides.from_notebook_node(nbformat.read(notebook, as_version=4))
        body = body.replace("<!-- Load mathjax -->", MATHJAX_FONTS + "<!-- Load mathjax -->", 1)
        target = out / f"{notebook.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> None:
    notebooks = Path(argv[1]) if len(argv) > 1 else Path("notebooks")
    out = Path(argv[2]) if len(argv) > 2 else Path("slides")
    for path in build(notebooks, out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv)
