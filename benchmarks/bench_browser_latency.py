"""Key press on an explorer's slider → changed figure, measured in JupyterLab in Chromium.

For every explorer (``.lu-explorer``) of every notebook and each of its sliders, press
ArrowRight (ArrowLeft on the way back from the maximum) ``--presses`` times, one press at a
time (the kernel idle and the figure settled before the next), and measure inside the page
the time from the keydown event to the first canvas draw / DOM change that alters the
explorer's figure. Prints a Markdown table; target: median ≤ 100 ms, p95 ≤ 200 ms.

With ``--frames`` it measures instead the sliders with client-side frames (issue 16;
``lecture_utils/explorers/frames.py``), side by side in one run: the Taylor order and the
descent step size answering from the browser (kernel idle), the same sliders through the
kernel (``client_frames=False``), the client-side sliders with the kernel busy (a
``time.sleep`` running), and the players of the exported HTML (``tools/export_html.py``,
``file://``, network blocked). Target there: median ≤ 20 ms, p95 ≤ 35 ms.

Usage::

    .venv/bin/python benchmarks/bench_browser_latency.py [--presses 20] [--notebook-dir DIR]
        [--notebook NAME ...] [--check] [--frames]

Needs Debian's Chromium (``apt-get install -y chromium``). The JupyterLab server and the
browser come from ``tests/browser/lab_driver.py``, shared with the browser tests.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests" / "browser"))

import lab_driver  # noqa: E402

FRAMES_TARGET_MEDIAN_MS = 20.0
FRAMES_TARGET_P95_MS = 35.0

TARGET_MEDIAN_MS = 100.0
TARGET_P95_MS = 200.0


def p95(values: list[float]) -> float:
    """95th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure_slider(nb, ex, slider: int, presses: int, warmup: int) -> tuple[list[float], int]:
    """Timed presses on one slider: (latencies in ms, number of presses with no change)."""
    lo, hi = nb.slider_bounds(ex, slider)
    if lo == hi:
        return [], 0
    latencies: list[float] = []
    misses = 0
    key = "ArrowRight"
    attempts = 0
    while len(latencies) < presses and attempts < 4 * (presses + warmup):
        attempts += 1
        nb.settled_figure(ex, quiet=0.15)
        value = nb.slider_value(ex, slider)
        if value == (hi if key == "ArrowRight" else lo):
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        ms = nb.timed_press(ex, slider, key)
        if nb.slider_value(ex, slider) == value:
            continue  # the key did not move it: nothing to time
        if warmup > 0:
            warmup -= 1
            continue
        if ms is None:
            misses += 1
        else:
            latencies.append(ms)
        if misses > 3:
            break
    return latencies, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=20, help="timed presses per slider (≥ 20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed presses per slider first")
    parser.add_argument("--notebook-dir", type=Path, default=None,
                        help="default: LU_NOTEBOOK_DIR or notebooks/")
    parser.add_argument("--notebook", action="append", default=[],
                        help="only this notebook (file name); repeatable")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a slider misses the target")
    parser.add_argument("--frames", action="store_true",
                        help="the client-side sliders against the kernel path (issue 16)")
    args = parser.parse_args(argv)
    if args.frames:
        return frames_main(args)

    if not lab_driver.chromium_available():
        print(lab_driver.CHROMIUM_MISSING, file=sys.stderr)
        return 2
    directory = args.notebook_dir or lab_driver.notebook_dir()
    notebooks = [p for p in lab_driver.discover_notebooks(directory)
                 if not args.notebook or p.name in args.notebook]
    if not notebooks:
        print(f"no notebooks in {directory}", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    rows: list[tuple[str, str, str, list[float], int]] = []
    problems: list[str] = []
    started = time.monotonic()
    with lab_driver.LabServer(directory) as server, sync_playwright() as playwright:
        browser = lab_driver.launch_browser(playwright)
        try:
            for path in notebooks:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                try:
                    nb = lab_driver.LabNotebook(context.new_page(), server, path.name)
                    nb.open()
                    progress = nb.run_all()
                    if progress["errors"]:
                        problems.append(f"{path.name}: cells raised {progress['errors']}")
                        continue
                    for ex in nb.explorers():
                        try:
                            nb.settled_figure(ex)
                        except lab_driver.LabError as exc:  # e.g. a figure that never drew
                            problems.append(f"{path.name}: {exc}")
                            continue
                        for s, slider_name in enumerate(ex.sliders):
                            try:
                                values, misses = measure_slider(
                                    nb, ex, s, args.presses, args.warmup)
                            except lab_driver.LabError as exc:
                                problems.append(f"{path.name}: {exc}")
                                continue
                            if misses:
                                problems.append(f"{path.name} {ex.label()} {slider_name}: "
                                                f"{misses} press(es) did not change the figure")
                            rows.append((path.name, ex.label(), slider_name, values, misses))
                            print(f"  measured {path.name} {ex.name}#{ex.index} {slider_name}",
                                  file=sys.stderr)
                finally:
                    context.close()
                    server.shutdown_kernels()
        finally:
            browser.close()

    print()
    print("| notebook | explorer | slider | median ms | p95 ms | n |")
    print("| --- | --- | --- | ---: | ---: | ---: |")
    missed = []
    for notebook, explorer, slider, values, _misses in rows:
        if values:
            med, high = statistics.median(values), p95(values)
            if med > TARGET_MEDIAN_MS or high > TARGET_P95_MS:
                missed.append(f"{notebook} {explorer} {slider}")
            print(f"| {notebook} | {explorer} | {slider} | {med:.0f} | {high:.0f} | {len(values)} |")
        else:
            missed.append(f"{notebook} {explorer} {slider}")
            print(f"| {notebook} | {explorer} | {slider} | – | – | 0 |")
    print()
    print(f"Target: median ≤ {TARGET_MEDIAN_MS:.0f} ms, p95 ≤ {TARGET_P95_MS:.0f} ms per slider "
          f"(keydown → changed figure, in the page). "
          + ("Met by every slider." if rows and not missed else
             f"Missed by: {', '.join(missed)}." if missed else
             "No slider could be measured (see the problems below)."))
    print(f"({len(notebooks)} notebook(s), {time.monotonic() - started:.0f} s)")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if args.check and (missed or problems) else 0


def _cell(values: list[float]) -> str:
    if not values:
        return "– | –"
    return f"{statistics.median(values):.1f} | {p95(values):.1f}"


def frames_main(args: argparse.Namespace) -> int:
    """The table of ``--frames``: one row per slider, four measurements side by side."""
    import tempfile

    from playwright.sync_api import sync_playwright

    import frames_driver

    sys.path.insert(0, str(REPO_ROOT / "tools"))
    import export_html

    if not lab_driver.chromium_available():
        print(lab_driver.CHROMIUM_MISSING, file=sys.stderr)
        return 2
    started = time.monotonic()
    results: dict[str, dict[str, list[float]]] = {"Taylor order n (02)": {},
                                                  "descent step γ (08)": {}}
    rows = list(results)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        frames_driver.write_frames_notebook(folder / "frames.ipynb")
        print("  exporting 02 and 08 with live frames", file=sys.stderr)
        pages = export_html.build(lab_driver.notebook_dir(), folder / "html",
                                  ["02_taylor_series", "08_gradient_descent"])
        with lab_driver.LabServer(folder) as server, sync_playwright() as playwright:
            browser = lab_driver.launch_browser(playwright)
            try:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.set_default_timeout(30_000)
                nb = lab_driver.LabNotebook(context.new_page(), server, "frames.ipynb")
                nb.open()
                nb.run_all(timeout=300)
                explorers = nb.explorers()
                for ex in explorers:
                    nb.settled_figure(ex)
                for k, row in enumerate(rows):
                    framed, kernel = explorers[k], explorers[k + 2]
                    for _ in range(args.warmup):
                        frames_driver.lab_latencies(nb, framed, 0, 1)
                        frames_driver.lab_latencies(nb, kernel, 0, 1)
                    results[row]["client"] = frames_driver.lab_latencies(
                        nb, framed, 0, args.presses)[0]
                    results[row]["kernel"] = frames_driver.lab_latencies(
                        nb, kernel, 0, args.presses)[0]
                    print(f"  measured {row} in JupyterLab", file=sys.stderr)
                frames_driver.busy_kernel(nb, 600)
                for k, row in enumerate(rows):
                    results[row]["busy"] = frames_driver.lab_latencies(
                        nb, explorers[k], 0, args.presses, settle=False)[0]
                frames_driver.interrupt_kernel(nb)
                context.close()
                for row, page_path in zip(rows, pages):
                    ctx, page, _blocked = frames_driver.open_offline(browser, page_path)
                    page.wait_for_timeout(1500)  # the player decodes its frames
                    frames_driver.export_latencies(page, 0, args.warmup)
                    results[row]["html"] = frames_driver.export_latencies(page, 0, args.presses)
                    ctx.close()
                    print(f"  measured {row} in the exported HTML", file=sys.stderr)
            finally:
                browser.close()

    print()
    print("| slider | client-side median ms | p95 ms | kernel round trip median ms | p95 ms "
          "| client-side, kernel busy median ms | p95 ms | exported HTML median ms | p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    missed = []
    for row in rows:
        r = results[row]
        print(f"| {row} | {_cell(r.get('client', []))} | {_cell(r.get('kernel', []))} "
              f"| {_cell(r.get('busy', []))} | {_cell(r.get('html', []))} |")
        for column in ("client", "busy", "html"):
            values = r.get(column, [])
            if not values or statistics.median(values) > FRAMES_TARGET_MEDIAN_MS \
                    or p95(values) > FRAMES_TARGET_P95_MS:
                missed.append(f"{row} ({column})")
    print()
    print(f"Target for the client-side columns: median ≤ {FRAMES_TARGET_MEDIAN_MS:.0f} ms, "
          f"p95 ≤ {FRAMES_TARGET_P95_MS:.0f} ms. "
          + (f"Missed by: {', '.join(missed)}." if missed else "Met by every slider.")
          + f" ({args.presses} presses each, {time.monotonic() - started:.0f} s)")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
