"""Benchmark: Taylor-mode ``taylor_coefficients`` against SymPy's ``series``.

Run with ``.venv/bin/python benchmarks/bench_taylor.py``; prints a Markdown table.

For each function and order it reports the median and 95th percentile of
``taylor_coefficients`` over RUNS calls, the time of one ``sympy.series`` call (exact
arithmetic, x0 as a Rational) for the same function and order, their ratio, and the largest
relative and absolute error of the float64 coefficients against a reference:

* SymPy's exact series (evaluated with 30 digits) when SymPy ran for that row;
* otherwise ``mpmath.taylor`` at 40 digits (mpmath ships with SymPy).

SymPy is run only up to order MAX_SYMPY_ORDER, each call in a subprocess killed after
SYMPY_TIMEOUT seconds; when a function's SymPy series already took more than half the cap at a
lower order, its higher orders are not attempted (they would only hit the cap).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import mpmath
import numpy as np
import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lecture_utils.maths.taylor import taylor_coefficients

RUNS = 50
ORDERS = (5, 10, 15, 30)   # order 5 gives a SymPy comparison for exp(sin(x)) too
MAX_SYMPY_ORDER = 15
SYMPY_TIMEOUT = 40.0   # seconds per SymPy call

x = sp.Symbol("x")
CASES = [   # (label, expression, x0 as exact text)
    ("exp(sin(x))", sp.exp(sp.sin(x)), "1/2"),
    ("sin(x) + cos(x)", sp.sin(x) + sp.cos(x), "0"),
    ("log(1 + x)", sp.log(1 + x), "0"),
    ("1/(1 + x^2)", 1 / (1 + x**2), "0"),
    ("atan(x)", sp.atan(x), "1/2"),
]


def sympy_child(index: int, order: int) -> None:
    """In a subprocess: time sympy.series once and print its coefficients as JSON."""
    _, expr, point = CASES[index]
    x0, t = sp.Rational(point), sp.Symbol("t")
    start = time.perf_counter()
    series = sp.series(expr, x, x0, order + 1)
    elapsed = time.perf_counter() - start
    polynomial = sp.expand(series.removeO().subs(x, t + x0))
    coefficients = [str(polynomial.coeff(t, k).evalf(30)) for k in range(order + 1)]
    print(json.dumps({"seconds": elapsed, "coefficients": coefficients}))


def run_sympy(index: int, order: int) -> tuple[float | None, np.ndarray | None, str]:
    command = [sys.executable, __file__, "--sympy-child", str(index), str(order)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=SYMPY_TIMEOUT,
                              check=True)
    except subprocess.TimeoutExpired:
        return None, None, f"timed out (> {SYMPY_TIMEOUT:.0f} s)"
    except subprocess.CalledProcessError as error:
        return None, None, f"failed: {error.stderr.strip().splitlines()[-1]}"
    result = json.loads(done.stdout)
    coefficients = np.array([float(sp.Float(c, 30)) for c in result["coefficients"]])
    return result["seconds"], coefficients, ""


def mpmath_reference(expr: sp.Expr, x0: float, order: int) -> np.ndarray:
    function = sp.lambdify(x, expr, modules="mpmath")
    with mpmath.workdps(40):
        return np.array([float(c) for c in mpmath.taylor(function, mpmath.mpf(x0), order)])


def errors(got: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """Max relative error over coefficients with |reference| >= 1e-14, and max absolute error.

    Below 1e-14 only the absolute error is meaningful (float64 cancellation, and mpmath's
    numerical reference gives ~1e-40 instead of an exact 0).
    """
    absolute = np.abs(got - reference)
    large = np.abs(reference) >= 1e-14
    relative = float((absolute[large] / np.abs(reference[large])).max(initial=0.0))
    return relative, float(absolute.max())


def time_taylor(expr: sp.Expr, x0: float, order: int) -> tuple[float, float]:
    for _ in range(3):   # warm-up
        taylor_coefficients(expr, x0, order)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        taylor_coefficients(expr, x0, order)
        times.append(time.perf_counter() - start)
    return float(np.median(times)), float(np.percentile(times, 95))


def main() -> None:
    started = time.perf_counter()
    print("# Taylor-mode coefficients vs sympy.series\n")
    print(f"- machine: {platform.platform()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"- numpy {np.__version__}, sympy {sp.__version__}, mpmath {mpmath.__version__}")
    print(f"- taylor_coefficients: median and p95 of {RUNS} calls; sympy.series: one call "
          f"(exact, x0 as a Rational) in a subprocess capped at {SYMPY_TIMEOUT:.0f} s, "
          f"only for order <= {MAX_SYMPY_ORDER}")
    print("- errors: max relative error over the coefficients with |reference| >= 1e-14, and "
          "max absolute error over all; reference = SymPy's exact series where it ran, else "
          "mpmath.taylor at 40 digits\n")
    print("| f | x0 | order | Taylor-mode median (ms) | p95 (ms) | sympy.series (ms) "
          "| ratio sympy/median | max rel. error | max abs. error | reference |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for index, (label, expr, point) in enumerate(CASES):
        x0 = float(sp.Rational(point))
        slow_note = ""
        for order in ORDERS:
            median, p95 = time_taylor(expr, x0, order)
            got = taylor_coefficients(expr, x0, order)
            sympy_seconds, reference = None, None
            if order > MAX_SYMPY_ORDER:
                note = f"not run: capped at order {MAX_SYMPY_ORDER}"
            elif slow_note:
                note = slow_note
            else:
                sympy_seconds, reference, note = run_sympy(index, order)
                if sympy_seconds is None or sympy_seconds > SYMPY_TIMEOUT / 2:
                    took = note or f"took {sympy_seconds:.0f} s"
                    slow_note = f"not run: order {order} {took}"
            source = "sympy"
            if reference is None:
                reference, source = mpmath_reference(expr, x0, order), "mpmath"
            relative, absolute = errors(got, reference)
            if sympy_seconds is None:
                sympy_cell, ratio_cell = note, "–"
            else:
                sympy_cell = f"{sympy_seconds * 1e3:.1f}"
                ratio_cell = f"{sympy_seconds / median:,.0f}×"
            print(f"| {label} | {point} | {order} | {median * 1e3:.3f} | {p95 * 1e3:.3f} "
                  f"| {sympy_cell} | {ratio_cell} | {relative:.1e} | {absolute:.1e} "
                  f"| {source} |", flush=True)
    print(f"\nTotal benchmark time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--sympy-child":
        sympy_child(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
