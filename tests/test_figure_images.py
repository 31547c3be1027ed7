"""Image regression tests of the static figures (nbval never compares images).

Each case draws one static figure of a notebook with the notebook's own arguments and compares
it, rendered at a low resolution, with a baseline PNG in ``tests/baseline_images/`` (RMS
tolerance, Matplotlib's ``compare_images``). A figure that changes on purpose gets a new
baseline: ``make baseline-images`` (which sets ``LU_UPDATE_BASELINES=1``) redraws them all;
``LU_UPDATE_BASELINES=1 pytest tests/test_figure_images.py -k NAME`` redraws only NAME's. Look at
the new PNGs before committing them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
from autodiff_examples import mml_graph
import sympy as sp
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

import lecture_utils as lu
from lecture_utils.figures.base import new_figure
from lecture_utils.maths.parser import to_numpy_function

BASELINES = Path(__file__).parent / "baseline_images"
#: Resolution of the compared images: enough to see every line and label, small on disk.
DPI = 40
#: RMS difference (0-255 grey levels) allowed: anti-aliasing noise, not a moved line.
TOLERANCE = 2.0
UPDATE = os.environ.get("LU_UPDATE_BASELINES") == "1"


def _mind_map() -> Figure:
    fig, (ax,) = new_figure(width_ratio=1.4, height_ratio=1.3)
    lu.draw_mind_map(ax)
    return fig


def _secant() -> Figure:
    x = sp.Symbol("x")
    f_expr = x**3 / 3 - x
    return lu.secant_small_multiples(to_numpy_function(f_expr), to_numpy_function(sp.diff(f_expr, x)),
                                     0.5, steps=(2.0, 1.0, 0.5, 0.05))


def _reshape() -> Figure:
    T = np.arange(24, dtype=float).reshape(4, 2, 3) / 10
    return lu.draw_reshape(T, highlight=(1, 0, 2)).figure


def _slides_quadratic():
    return lu.Quadratic([[2, 1], [1, 20]], [5, 3])


def _computation_graph() -> Figure:
    # MML eq. (5.109) at x = 0.7, node by node as notebook 06 builds it, after one backward pass.
    return lu.draw_computation_graph(mml_graph(0.7)["f"]).ax.figure


def _ill_conditioned():
    return lu.Quadratic.with_condition_number(50, angle=np.pi / 6)   # notebook 10's κ = 50


def _error_components() -> Figure:
    return lu.error_components_figure([
        dict(quadratic=_slides_quadratic(), x0=[-3.0, -1.0], step=0.08, title="slides' quadratic, γ = 0.08"),
        dict(quadratic=_ill_conditioned(), x0=[-2.0, 1.5], step=0.036, title="κ = 50, γ = 0.036"),
    ], n_steps=30)


CASES: dict[str, Callable[[], Figure]] = {
    "00_mind_map": _mind_map,
    "01_secant": _secant,
    "02_taylor_sin_cos": lambda: lu.taylor_small_multiples("sin(x) + cos(x)", x0=0.0, orders=(1, 3, 5, 9),
                                                           x_range=(-6, 6)),
    "02_taylor_log": lambda: lu.taylor_small_multiples("log(1 + x)", x0=0.0, orders=(2, 5, 10, 20),
                                                       x_range=(-0.99, 2.0), radius=1.0),
    "03_gradient_field": lambda: lu.gradient_field_small_multiples(
        "x1^2 + 2*x2^2", points=[(1.0, 0.5), (-1.5, 1.0), (-2.0, -1.0), (1.5, -1.8)]),
    "04_reshape": _reshape,
    "05_identities": lambda: lu.identity_small_multiples(["aT X^-1 b", "aT X b", "xT B x"], size=3, seed=0),
    "06_gradient_flow": lambda: lu.gradient_flow_small_multiples(("sigmoid", "tanh", "relu"), (5, 10, 20)),
    "07_multivariate_taylor": lambda: lu.multivariate_taylor_small_multiples("sin(x)*cos(y)", (0.5, 0.5),
                                                                            orders=(0, 1, 2, 3)),
    "08_descent": lambda: lu.descent_small_multiples(_slides_quadratic(), [-3.0, -1.0], n_steps=60),
    "09_saddle": lambda: lu.saddle_figure({"f = x₁² − x₂²": lambda a, b: a**2 - b**2,
                                           "f = x₁² x₂²": lambda a, b: a**2 * b**2}),
    "10_momentum": lambda: lu.momentum_small_multiples(lu.Quadratic([[1, 0], [0, 50]], [0, 0]),
                                                       [-3.0, 1.0], 0.02),
    "06_computation_graph": _computation_graph,
    "10_error_components": _error_components,
    "10_rate_map": lambda: lu.rate_map_figure(_ill_conditioned(), [-2.0, 1.5], 0.05, 0.5, n_steps=120),
    "11_convexity": lambda: lu.convexity_figure("exp(x) - 2*x", "x^4/4 - x^2 + x/2", (-2.2, 2.2)),
    "11_sgd_small_multiples": lambda: lu.sgd_small_multiples(lu.LeastSquares.synthetic(m=100, seed=0)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_static_figure_matches_its_baseline(name, tmp_path):
    figure = CASES[name]()
    baseline = BASELINES / f"{name}.png"
    if UPDATE:
        BASELINES.mkdir(exist_ok=True)
        figure.savefig(baseline, dpi=DPI, metadata={"Software": None})
        pytest.skip(f"baseline written: {baseline.name}")
    assert baseline.exists(), f"no baseline for {name}: run `make baseline-images` and look at it"
    actual = tmp_path / f"{name}.png"
    figure.savefig(actual, dpi=DPI, metadata={"Software": None})
    result = compare_images(str(baseline), str(actual), tol=TOLERANCE)
    assert result is None, f"{name} differs from its baseline: {result}"


def test_a_changed_figure_is_caught(tmp_path):
    # The comparison is not vacuous: moving one line of a figure exceeds the tolerance.
    figure = CASES["02_taylor_sin_cos"]()
    expected, changed = tmp_path / "expected.png", tmp_path / "changed.png"
    figure.savefig(expected, dpi=DPI)
    line = figure.axes[0].lines[0]
    line.set_ydata(np.asarray(line.get_ydata()) + 0.5)
    figure.savefig(changed, dpi=DPI)
    assert compare_images(str(expected), str(changed), tol=TOLERANCE) is not None
