"""Page load → first explorer drawn, for the Voilà app (``make demo``), in Chromium.

Starts ``voila demo/explorers.ipynb`` (what ``make demo`` runs) on a free port, then loads
the page ``--loads`` times, each time in a fresh browser context (a new kernel) at the
projector size 1280 × 720, and measures inside the page the time from the start of the
navigation (``performance.now()`` = 0) to the first frame in which the first explorer's
figure canvas has pixels on it. With ``--topics`` it also times, on the last load, the first
opening of every other topic in the menu (click → figure drawn; the explorer is built then).
Prints a Markdown table (median, min, max over the loads).

Usage::

    .venv/bin/python benchmarks/bench_voila_load.py [--loads 5] [--topics]
        [--notebook demo/explorers.ipynb] [--screenshot app.png]

Needs Debian's Chromium (``apt-get install -y chromium``); the browser comes from
``tests/browser/lab_driver.py``, shared with the browser tests.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests" / "browser"))

import lab_driver  # noqa: E402

VIEWPORT = {"width": 1280, "height": 720}

#: The time (ms since the navigation started) once the figure canvas of the visible explorer
#: (not one marked as seen before a click) has any non-transparent pixel; else false.
JS_FIRST_DRAWN = r"""
() => {
  const ex = Array.from(document.querySelectorAll('.lu-explorer'))
    .find(e => e.offsetParent !== null && !e.dataset.luSeen);
  if (!ex) return false;
  const c = ex.querySelector('.jupyter-matplotlib canvas, canvas.lu-frames-canvas');
  if (!c || !c.width || !c.height) return false;
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < data.length; i += 4 * 97) if (data[i] > 0) return performance.now();
  return false;
}
"""

JS_MARK_SEEN = "() => document.querySelectorAll('.lu-explorer').forEach(e => { e.dataset.luSeen = '1'; })"


@contextlib.contextmanager
def voila_server(notebook: Path, timeout: float = 60) -> Iterator[str]:
    """``voila NOTEBOOK`` on a free local port; yields the page's URL."""
    port = lab_driver._free_port()
    voila = Path(sys.executable).parent / "voila"
    command = [str(voila), str(notebook), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", "--show_tracebacks=False"]
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(url + "voila/static/voila.js", timeout=2)  # noqa: S310
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"voila did not start:\n{log.read()[-3000:]}") from None
                    time.sleep(0.3)
            yield url
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 15)
            process.wait(timeout=10)


def load_once(browser, url: str, screenshot: Path | None = None, topics: bool = False
              ) -> tuple[float, list[tuple[str, float]]]:
    """One page load: (ms to the first explorer drawn, [(topic, ms to draw on first open)])."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(120_000)
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        ms = page.wait_for_function(JS_FIRST_DRAWN, polling="raf", timeout=120_000).json_value()
        opened: list[tuple[str, float]] = []
        if topics:
            buttons = page.locator(".lu-app-menu button")
            for k in range(1, buttons.count()):
                label = buttons.nth(k).inner_text().strip()
                page.evaluate(JS_MARK_SEEN)  # so that only the new topic's explorer counts
                start = time.perf_counter()
                buttons.nth(k).click()
                page.wait_for_function(JS_FIRST_DRAWN, polling="raf")
                opened.append((label, 1000 * (time.perf_counter() - start)))
            page.evaluate(JS_MARK_SEEN)
            buttons.nth(0).click()
            page.wait_for_function(JS_FIRST_DRAWN, polling="raf")
        if screenshot is not None:
            page.wait_for_timeout(500)
            page.screenshot(path=str(screenshot))
        return float(ms), opened
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="page loads (fresh kernel each)")
    parser.add_argument("--notebook", type=Path, default=REPO_ROOT / "demo" / "explorers.ipynb")
    parser.add_argument("--topics", action="store_true",
                        help="also time the first opening of every other topic (last load)")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="save a 1280 × 720 screenshot of the last load")
    args = parser.parse_args(argv)
    if not lab_driver.chromium_available():
        print(lab_driver.CHROMIUM_MISSING, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    loads: list[float] = []
    opened: list[tuple[str, float]] = []
    with voila_server(args.notebook.resolve()) as url, sync_playwright() as playwright:
        browser = lab_driver.launch_browser(playwright)
        try:
            load_once(browser, url)  # warm-up: first import of the packages, disk caches
            for n in range(args.loads):
                last = n == args.loads - 1
                ms, topics = load_once(browser, url, args.screenshot if last else None,
                                       topics=args.topics and last)
                loads.append(ms)
                opened += topics
                print(f"load {n + 1}: first explorer drawn after {ms:.0f} ms", file=sys.stderr)
        finally:
            browser.close()
    cores, load = os.cpu_count(), os.getloadavg()[0]
    print(f"Voilà app `{args.notebook.name}`, Chromium at {VIEWPORT['width']} × {VIEWPORT['height']}, "
          f"{len(loads)} loads (fresh kernel each, after one warm-up load); {cores} cores, "
          f"load average {load:.1f} at the end\n")
    print("| measure | median | min | max |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| page load → first explorer drawn | {statistics.median(loads) / 1000:.2f} s "
          f"| {min(loads) / 1000:.2f} s | {max(loads) / 1000:.2f} s |")
    if opened:
        times = [ms for _, ms in opened]
        print(f"| first opening of another topic ({len(times)} topics, click → drawn) "
              f"| {statistics.median(times) / 1000:.2f} s | {min(times) / 1000:.2f} s "
              f"| {max(times) / 1000:.2f} s |")
        for label, ms in opened:
            print(f"  {label}: {ms:.0f} ms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
