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

The slides are laid out for a 16:9 frame of 1280×720 (``SLIDE_WIDTH``, ``SLIDE_HEIGHT``) with a
small style sheet (``SLIDE_CSS``: code and outputs sized to fit, no prompts, figures at most
470 px high, captions set small, outputs wrapped between words, no scroll boxes). Cells tagged
``hide-input`` keep their output and lose their code on the slides (nbconvert's
TagRemovePreprocessor); the handout prints one page per slide (``pdfSeparateFragments:
false``). ``tests/browser/test_slides_fit.py`` measures every slide of every deck.

With ``--live`` (what ``make slides`` runs), the notebooks whose explorers have client-side
frames (the Taylor order, the step size) are executed again in memory with
``LU_EXPORT_FRAMES=1`` (``tools/export_html.py``): those sliders stay live in the deck, from
``file://`` and without a network (``tests/browser/test_client_frames.py``). Without it the
decks are made from the committed outputs (static pictures), in seconds.

Usage: ``python tools/build_slides.py [--live] [NOTEBOOK_DIR] [OUT_DIR]`` (defaults: notebooks,
slides).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from nbconvert import SlidesExporter
from nbconvert.preprocessors import TagRemovePreprocessor
import nbformat

#: The frame every slide is laid out in: 16:9, the size of a 1280×720 projector. A slide must
#: fit it (``tests/browser/test_slides_fit.py`` measures every slide): no scroll boxes.
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720

#: Cell tags (``metadata.tags``) read by nbconvert's TagRemovePreprocessor: ``hide-input`` keeps
#: a cell's output on the slide and drops its code (worked examples recomputed with asserts,
#: figure cells); ``remove-cell`` drops the cell (``slide_type: skip`` does the same).
HIDE_INPUT_TAGS = ("hide-input", "remove-input")
REMOVE_CELL_TAGS = ("remove-cell",)

#: The look of a 1280×720 slide: text, code and outputs sized to fit it, no prompts, figures at
#: most the height left under a heading, outputs that wrap between words (never inside one).
SLIDE_CSS = f"""<style type="text/css">
:root {{
  --jp-ui-font-size1: 19px;
  --jp-content-font-size1: 21px;
  --jp-code-font-size: 16px;
  --jp-cell-prompt-width: 0px;
  --r-block-margin: 12px;
}}
.reveal .slides {{ text-align: left; }}
.reveal .slides section {{ box-sizing: border-box; padding: 8px 24px; }}
.reveal .slides section.stack {{ padding: 0; }}
.reveal .jp-InputPrompt, .reveal .jp-OutputPrompt {{ display: none; }}
.reveal .jp-Cell, .reveal .jp-Cell-inputWrapper, .reveal .jp-Cell-outputWrapper,
.reveal .jp-OutputArea, .reveal .jp-OutputArea-child, .reveal .jp-InputArea,
.reveal .jp-OutputArea-output {{ max-width: 100%; min-width: 0; box-sizing: border-box; }}
.reveal .jp-Cell {{ padding: 2px 0; }}
.reveal .jp-RenderedHTMLCommon {{ padding-right: 0; }}
.reveal .jp-RenderedHTMLCommon p, .reveal .jp-RenderedHTMLCommon ul,
.reveal .jp-RenderedHTMLCommon ol {{ margin: 0 0 10px 0; line-height: 1.35; }}
.reveal .jp-RenderedHTMLCommon li {{ margin: 2px 0; }}
.reveal h1, .reveal .jp-RenderedHTMLCommon h1 {{ font-size: 40px; margin: 4px 0 12px 0; }}
.reveal h2, .reveal .jp-RenderedHTMLCommon h2 {{ font-size: 34px; margin: 4px 0 10px 0; }}
.reveal h3, .reveal .jp-RenderedHTMLCommon h3 {{ font-size: 28px; margin: 4px 0 8px 0; }}
.reveal h4, .reveal .jp-RenderedHTMLCommon h4 {{ font-size: 24px; margin: 4px 0 6px 0; }}
.reveal pre, .reveal div.highlight > pre, .reveal div.jp-OutputArea-output > pre {{
  box-sizing: border-box; width: 100%; max-width: 100%; margin: 0;
  font-size: var(--jp-code-font-size); line-height: 1.3; box-shadow: none;
}}
.reveal .jp-OutputArea-output pre {{
  white-space: pre-wrap; word-break: normal; overflow-wrap: normal; overflow: visible;
}}
.reveal pre code {{ max-height: none; overflow: visible; }}
.reveal .jp-RenderedImage {{ text-align: center; }}
.reveal section img {{
  max-width: 100%; max-height: {SLIDE_HEIGHT - 250}px; width: auto; height: auto;
  object-fit: contain; margin: 0 auto;
}}
.reveal table {{ font-size: 17px; margin: 0; }}
.reveal table th, .reveal table td {{ padding: 2px 8px; }}
.reveal .MathJax_Display {{ margin: 6px 0 !important; }}
.reveal .celltag_figure-compact img {{ max-height: {SLIDE_HEIGHT - 330}px; }}
.reveal .celltag_figure-caption, .reveal .celltag_figure-caption p {{
  font-size: 16px; line-height: 1.3; color: #333;
}}
</style>
"""

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
    slides.reveal_scroll = False       # no scroll boxes: every slide fits the frame
    slides.reveal_width = str(SLIDE_WIDTH)
    slides.reveal_height = str(SLIDE_HEIGHT)
    slides.reveal_number = "c/t"       # slide numbers, for "go back to slide 12"
    slides.exclude_input_prompt = True
    slides.exclude_output_prompt = True
    slides.register_preprocessor(TagRemovePreprocessor(
        remove_input_tags=set(HIDE_INPUT_TAGS), remove_cell_tags=set(REMOVE_CELL_TAGS)),
        enabled=True)
    return slides


#: reveal.js options the template does not expose, for the handout (``?print-pdf``): a slide is
#: printed once with all its fragments (not once per fragment), on one page, from the top.
#: reveal.js lays the pages out before MathJax has typeset the formulas, so it may count a
#: slide's raw TeX as two pages and centre it on its old height; once typeset, every slide fits
#: the frame (``tests/browser/test_slides_fit.py``), hence one page per slide, not centred.
REVEAL_OPTIONS = ("pdfSeparateFragments: false, pdfMaxPagesPerSlide: 1, "
                  "center: !/print-pdf/i.test(window.location.search),")


#: A caption longer than this (characters) leaves room for a figure of at most 390 px (else 470).
LONG_CAPTION = 800


def _tag(cell: nbformat.NotebookNode, tag: str) -> None:
    tags = cell.metadata.setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)


def mark_captions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Tag (in memory) the ``*Figure: ...`` cells as captions, set smaller than the text, and
    the figure above a long one as compact (a lower figure), so that both fit one slide."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("*Figure"):
            _tag(cell, "figure-caption")
            if len(cell.source) > LONG_CAPTION and index > 0:
                _tag(notebook.cells[index - 1], "figure-compact")
    return notebook


def build(notebooks: Path, out: Path, live: bool = False,
          names: list[str] | None = None) -> list[Path]:
    """Write ``out/<name>.slides.html`` for every notebook of ``notebooks`` (or only ``names``);
    return the paths. ``live``: client-side sliders live in the decks (see the module text)."""
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    slides, written = exporter(), []
    if live:
        from export_html import with_live_frames
    for notebook in sorted(notebooks.glob("*.ipynb")):
        if names and notebook.name not in names and notebook.stem not in names:
            continue
        source = with_live_frames(notebook) if live else nbformat.read(notebook, as_version=4)
        body, _ = slides.from_notebook_node(mark_captions(source))
        body = body.replace("<!-- Load mathjax -->", MATHJAX_FONTS + "<!-- Load mathjax -->", 1)
        body = body.replace("</head>", SLIDE_CSS + "</head>", 1)
        body = body.replace("plugins: [RevealNotes],", "plugins: [RevealNotes], " + REVEAL_OPTIONS, 1)
        target = out / f"{notebook.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> None:
    live = "--live" in argv
    args = [a for a in argv[1:] if a != "--live"]
    notebooks = Path(args[0]) if args else Path("notebooks")
    out = Path(args[1]) if len(args) > 1 else Path("slides")
    for path in build(notebooks, out, live=live):
        print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv)
