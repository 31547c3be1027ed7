"""Every explorer fits the screen, controls and figure together (issue 12).

A scratch notebook (built in a temporary folder, one cell per explorer as the notebooks
create it, see ``lab_driver.FIT_EXPLORERS``) is run in JupyterLab's default interface:

- at 1366×768 in reading size (a laptop);
- at 1280×720 after ``presentation(True)`` (a projector).

Each explorer is scrolled to the top of the notebook panel and measured
(``lab_driver.explorer_fit``): its box and everything inside it must be at most as tall as
the visible notebook (``.jp-WindowedPanel-outer``'s clientHeight) and as wide as the output
area; no label, readout, drop-down text or button is cut off; the figure canvas is fully on
screen. A failure names the explorer and what overflows; a screenshot of each explorer goes
to ``tests/browser/artifacts/fit_<mode>_<explorer>.png`` when it does not fit.
"""

from __future__ import annotations

import re

import pytest

import lab_driver

pytestmark = pytest.mark.browser

MODES = {"normal": ((1366, 768), False), "presentation": ((1280, 720), True)}


@pytest.fixture(scope="module")
def fit_server(tmp_path_factory, serve):
    """JupyterLab on a folder with the scratch notebooks (conftest's ``serve``)."""
    folder = tmp_path_factory.mktemp("fit")
    for mode, (_size, presentation) in MODES.items():
        lab_driver.write_fit_notebook(folder / f"fit_{mode}.ipynb", presentation)
    server = serve(folder)
    yield server
    server.stop()  # not kept for the rest of the session


@pytest.mark.parametrize("mode", list(MODES))
def test_every_explorer_fits_the_screen(mode, fit_server, chromium):
    (width, height), _presentation = MODES[mode]
    context = chromium.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    try:
        nb = lab_driver.LabNotebook(context.new_page(), fit_server, f"fit_{mode}.ipynb")
        nb.open()
        progress = nb.run_all(timeout=240)
        assert not progress["errors"], f"{mode}: cells raised: {progress['errors']}"
        problems = nb.output_problems()
        assert not problems, f"{mode}: " + "\n".join(problems)
        explorers = nb.explorers()
        names = list(lab_driver.FIT_EXPLORERS)
        assert len(explorers) == len(names), (
            f"{mode}: {len(explorers)} explorers on the page, {len(names)} expected")
        for explorer in explorers:
            nb.settled_figure(explorer)
        nb.page.wait_for_timeout(500)  # fonts and ipympl's canvas size settle
        problems, sizes = [], []
        for explorer, name in zip(explorers, names):
            fit = lab_driver.explorer_fit(nb, explorer)
            found = lab_driver.fit_problems(f"{mode} {width}×{height}, {name}", fit)
            sizes.append(f"{name}: {fit['height']:.0f} × {fit['width']:.0f} px "
                         f"(screen {fit['visibleHeight']} × {fit['outputWidth']})")
            if found:
                problems += found
                lab_driver.ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
                stem = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_")
                nb.page.screenshot(path=str(lab_driver.ARTIFACTS_DIR / f"fit_{mode}_{stem}.png"))
        print(f"{mode} {width}×{height}:\n  " + "\n  ".join(sizes))
        assert not problems, "\n".join(problems)
    finally:
        context.close()
