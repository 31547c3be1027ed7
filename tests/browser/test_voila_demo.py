"""``make demo``: Voilà serves the explorers as an app without code, and typed text runs nothing.

The app is a menu of topics (one per notebook with an explorer) over one explorer at a time,
at the projector size 1280 × 720. The tests open every topic (by click and by keyboard),
check that exactly one explorer is on screen, drawn, under a heading larger than its controls.

Voilà serves to people who cannot run code, so the typed-function boxes are an attack
surface: each one, in every topic, gets strings that would run code if they were
``eval``-ed (creating a marker file); the test asserts the parser's message shows, the
marker never appears, and the box then accepts a function. Every slider of every topic
must still move its figure.
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


#: The visible explorer's figure canvas has pixels on it (ipympl has drawn), and no explorer
#: marked ``data-lu-seen`` (the one shown before a menu click) is still on the page.
JS_NEW_EXPLORER_DRAWN = r"""
() => {
  const all = Array.from(document.querySelectorAll('.lu-explorer'));
  if (all.length !== 1 || all[0].dataset.luSeen || all[0].offsetParent === null) return false;
  const c = all[0].querySelector('.jupyter-matplotlib canvas, canvas.lu-frames-canvas');
  if (!c || !c.width || !c.height) return false;
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < data.length; i += 4 * 97) if (data[i] > 0) return true;
  return false;
}
"""


def _topics() -> list[str]:
    """The numbers of the app's topics, from its code: ``("NN", label, ..., lambda: ...)``."""
    numbers = []
    for cell in json.loads(DEMO.read_text())["cells"]:
        if cell["cell_type"] == "code":
            numbers += re.findall(r'^\s*\("(\d\d)",', "".join(cell["source"]), flags=re.M)
    return numbers


@pytest.fixture(scope="module")
def page(voila, chromium):
    """The app at the projector size 1280 × 720, its first topic drawn."""
    context = chromium.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(60_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(voila)
    page.wait_for_function(JS_NEW_EXPLORER_DRAWN, timeout=90_000)
    page.lu_topics = _topics()
    page.lu_errors = errors
    yield page
    context.close()


def _open(page, k: int, keyboard: bool = False) -> None:
    """Open the k-th topic of the menu (click, or focus and Enter); wait until it is drawn."""
    number = page.lu_topics[k]
    if page.evaluate("(n) => (document.querySelector('.lu-app-heading h2') || {}).innerText"
                     "?.startsWith(n) && document.querySelectorAll('.lu-explorer').length === 1",
                     number):
        return  # already open
    page.evaluate("() => document.querySelectorAll('.lu-explorer').forEach(e => e.dataset.luSeen = '1')")
    button = page.locator(".lu-app-menu button").nth(k)
    if keyboard:
        button.focus()
        page.keyboard.press("Enter")
    else:
        button.click()
    page.wait_for_function(
        "(n) => (document.querySelector('.lu-app-heading h2') || {}).innerText?.startsWith(n)",
        arg=number)
    page.wait_for_function(JS_NEW_EXPLORER_DRAWN, timeout=60_000)


def _fingerprint(page, index: int = 0) -> str:
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


def _status(page, index: int = 0) -> dict:
    return page.evaluate(
        "(i) => { const s = document.querySelectorAll('.lu-explorer')[i].querySelector('.lu-status');"
        " return {text: s.innerText.trim(), error: s.classList.contains('lu-error')}; }", index)


def _settled_status(page, index: int = 0, timeout: float = 10) -> dict:
    """The status line once it shows no error (the figure's update can arrive before the
    status line's), or as it is after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while _status(page, index)["error"] and time.monotonic() < deadline:
        time.sleep(0.05)
    return _status(page, index)


def test_the_menu_opens_every_topic_one_explorer_at_a_time(page):
    topics = page.lu_topics
    assert len(topics) >= 9 and topics == sorted(topics), topics   # notebook order; a notebook may have several
    menu = page.locator(".lu-app-menu button")
    assert menu.count() == len(topics)
    for k, number in enumerate(topics):
        assert menu.nth(k).inner_text().strip().startswith(number)
        _open(page, k, keyboard=k % 2 == 1)  # every other topic by keyboard (Tab to it, Enter)
        assert page.evaluate("() => document.querySelectorAll('.lu-explorer').length") == 1
        sizes = page.evaluate(
            "() => { const px = (s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);"
            " return {heading: px('.lu-app-heading h2'), menu: px('.lu-app-menu button'),"
            " control: Math.max(...Array.from(document.querySelectorAll('.lu-explorer .widget-readout,"
            " .lu-explorer .widget-label, .lu-explorer select')).filter(e => e.offsetParent)"
            ".map(e => parseFloat(getComputedStyle(e).fontSize)))}; }")
        # presentation mode: the heading is larger than the largest control text, the menu readable
        assert sizes["heading"] > sizes["control"] and sizes["menu"] >= 16, (number, sizes)
    menu_right = page.evaluate("() => Math.max(...Array.from(document.querySelectorAll("
                               "'.lu-app-menu button')).map(b => b.getBoundingClientRect().right))")
    assert menu_right <= 1280, f"the menu is wider than a 1280 px projector ({menu_right} px)"
    _open(page, 0)


def test_every_explorer_renders_without_code(page):
    for k, number in enumerate(page.lu_topics):
        _open(page, k)
        code = page.evaluate("() => Array.from(document.querySelectorAll('.jp-InputArea-editor, .CodeMirror,"
                             " .cm-editor')).filter(e => e.offsetParent !== null).length")
        assert code == 0, "Voilà shows code cells"
        problems = page.evaluate("() => document.body.innerText")
        assert "Traceback" not in problems and "Error displaying widget" not in problems, number
        assert not page.lu_errors, page.lu_errors


def test_every_slider_moves_its_figure(page):
    for k, number in enumerate(page.lu_topics):
        _open(page, k)
        handles = page.locator(".lu-explorer").nth(0).locator(".widget-slider .noUi-handle[role=slider]")
        for h in range(handles.count()):
            before = _fingerprint(page)
            handle = handles.nth(h)
            start = handle.get_attribute("aria-valuenow")
            handle.press("ArrowRight")
            handle.press("ArrowRight")
            if handle.get_attribute("aria-valuenow") == start:
                handle.press("Home")
            _wait_change(page, 0, before, f"topic {number}: keys on slider {h}")
            status = _settled_status(page)
            assert not status["error"], (number, status)


def test_typed_text_is_parsed_never_run(page, tmp_path):
    marker = tmp_path / "pwned"
    attacked = 0
    for k, number in enumerate(page.lu_topics):
        _open(page, k)
        boxes = page.locator(".lu-explorer .widget-text input")
        for b in range(boxes.count()):
            box = boxes.nth(b)
            attacked += 1
            for text in _hostile(marker):
                box.fill(text)
                box.press("Enter")
                deadline = time.monotonic() + 10
                while not _status(page)["error"] and time.monotonic() < deadline:
                    time.sleep(0.05)
                status = _status(page)
                assert status["error"], f"topic {number} box {b}: {text!r} was accepted: {status['text']!r}"
                assert re.search(r"allowed|not a|unknown|expected|parse|name", status["text"]), status
                assert not marker.exists(), f"topic {number} box {b}: {text!r} ran code"
            before = _fingerprint(page)
            box.fill("x^2" if "x1" not in (box.get_attribute("placeholder") or "") else "x1^2 + x2")
            box.press("Enter")
            _wait_change(page, 0, before, f"topic {number}: a valid function")
            status = _settled_status(page)
            assert not status["error"], (number, status)
    assert attacked >= 2, "the demo should have typed-function boxes to attack"
    time.sleep(1)
    assert not marker.exists()
