"""``make demo``: Voilà serves the explorers as an app without code, and typed text runs nothing.

Voilà serves to people who cannot run code, so the typed-function boxes are an attack
surface: each one gets strings that would run code if they were ``eval``-ed (creating a
marker file); the test asserts the parser's message shows, the marker never appears, and
the box then accepts a function. Every slider must still move its figure.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import lab_driver

DEMO = lab_driver.REPO_ROOT / "demo" / "explorers.ipynb"

pytestmark = pytest.mark.browser


def _hostile(marker: Path) -> list[str]:
    return [
        f"__import__('os').system('touch {marker}')",
        f"open('{marker}', 'w').write('x')",
        "().__class__.__base__.__subclasses__()",
        f"exec(\"open('{marker}','w')\")",
        f"x; import os; os.system('touch {marker}')",
    ]


@pytest.fixture(scope="module")
def voila(tmp_path_factory, chromium):
    """``voila demo/explorers.ipynb`` (what ``make demo`` runs) on a free port."""
    port = lab_driver._free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    command = [str(Path(sys.executable).parent / "voila"), str(DEMO), "--no-browser",
               f"--port={port}", "--Voila.ip=127.0.0.1", "--show_tracebacks=False"]
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=lab_driver.REPO_ROOT, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "voila/static/voila.js", timeout=2)  # noqa: S310
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"voila did not start:\n{log.read_text()[-3000:]}", pytrace=False)
            time.sleep(0.3)
    yield url
    os.killpg(process.pid, 15)
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(voila, chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(voila)
    expected = sum("_explorer(" in "".join(c["source"])
                   for c in json.loads(DEMO.read_text())["cells"] if c["cell_type"] == "code")
    page.wait_for_function(
        "(n) => document.querySelectorAll('.lu-explorer').length >= n && "
        "Array.from(document.querySelectorAll('.lu-explorer .jupyter-matplotlib canvas'))"
        ".every(c => c.width > 0)", arg=expected, timeout=90_000)
    page.lu_expected = expected
    page.lu_errors = errors
    yield page
    context.close()


def _fingerprint(page, index: int) -> str:
    return page.evaluate(
        "([index, fp]) => (new Function('return (' + fp + ')'))()("
        "document.querySelectorAll('.lu-explorer')[index])",
        [index, lab_driver.JS_FIGURE_FINGERPRINT_FN])


def _wait_change(page, index: int, before: str, what: str) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        now = _fingerprint(page, index)
        if now and now != before:
            return now
        time.sleep(0.05)
    raise AssertionError(f"explorer {index}: the figure did not change after {what}")


def _status(page, index: int) -> dict:
    return page.evaluate(
        "(i) => { const s = document.querySelectorAll('.lu-explorer')[i].querySelector('.lu-status');"
        " return {text: s.innerText.trim(), error: s.classList.contains('lu-error')}; }", index)


def test_every_explorer_renders_without_code(page):
    count = page.evaluate("() => document.querySelectorAll('.lu-explorer').length")
    assert count == page.lu_expected
    code = page.evaluate("() => Array.from(document.querySelectorAll('.jp-InputArea-editor, .CodeMirror,"
                         " .cm-editor')).filter(e => e.offsetParent !== null).length")
    assert code == 0, "Voilà shows code cells"
    problems = page.evaluate("() => document.body.innerText")
    assert "Traceback" not in problems and "Error displaying widget" not in problems
    assert not page.lu_errors, page.lu_errors


def test_every_slider_moves_its_figure(page):
    for index in range(page.lu_expected):
        handles = page.locator(".lu-explorer").nth(index).locator(
            ".widget-slider .noUi-handle[role=slider]")
        for k in range(handles.count()):
            before = _fingerprint(page, index)
            handle = handles.nth(k)
            start = handle.get_attribute("aria-valuenow")
            handle.press("ArrowRight")
            handle.press("ArrowRight")
            if handle.get_attribute("aria-valuenow") == start:
                handle.press("Home")
            _wait_change(page, index, before, f"keys on slider {k}")
            assert not _status(page, index)["error"], _status(page, index)


def test_typed_text_is_parsed_never_run(page, tmp_path):
    marker = tmp_path / "pwned"
    boxes = page.locator(".lu-explorer .widget-text input")
    assert boxes.count() >= 2, "the demo should have typed-function boxes to attack"
    for k in range(boxes.count()):
        box = boxes.nth(k)
        index = page.evaluate("(el) => Array.from(document.querySelectorAll('.lu-explorer'))"
                              ".findIndex(e => e.contains(el))", box.element_handle())
        for text in _hostile(marker):
            box.fill(text)
            box.press("Enter")
            deadline = time.monotonic() + 10
            while not _status(page, index)["error"] and time.monotonic() < deadline:
                time.sleep(0.05)
            status = _status(page, index)
            assert status["error"], f"box {k}: {text!r} was accepted: {status['text']!r}"
            assert re.search(r"allowed|not a|unknown|expected|parse|name", status["text"]), status
            assert not marker.exists(), f"box {k}: {text!r} ran code"
        before = _fingerprint(page, index)
        box.fill("x^2" if "x1" not in (box.get_attribute("placeholder") or "") else "x1^2 + x2")
        box.press("Enter")
        _wait_change(page, index, before, "a valid function")
        assert not _status(page, index)["error"], _status(page, index)
    time.sleep(1)
    assert not marker.exists()
