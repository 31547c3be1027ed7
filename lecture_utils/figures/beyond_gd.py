"""Drawings of notebook 11: convexity, Newton's method, stochastic gradients (layer 2).

* :func:`convexity_figure` — the three characterisations of a convex function of one
  variable (chord above the graph, tangent below it, f'' ≥ 0) beside a non-convex function
  whose chord dips below the graph and whose local minimum is not global;
* :func:`convergence_figure` — ‖x_k − x*‖ on a log scale for several methods, one panel per
  problem (straight lines: linear convergence; plunging curves: quadratic);
* :func:`plot_iterations_against_condition` — iterations to a tolerance against κ;
* :class:`SGDView`, :func:`sgd_figure`, :func:`sgd_small_multiples` — SGD paths on the
  contours of a least-squares loss and their excess loss against updates and against
  per-example gradient evaluations (epochs).

Examples
--------
>>> fig = convexity_figure()
>>> len(fig.axes)
4
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from .._validation import check_array, check_integer, check_real_number, check_sequence, shown
from ..maths.parser import parse_function, to_numpy_function
from ..maths.stochastic import LeastSquares, SGDRun, noise_floor, sgd
from ..style import styled
from .base import check_axes, check_range, curve, draw_contours, legend_inside, marker, new_figure, \
    place_legend, plane_axes, series_kwargs

__all__ = ["convexity_figure", "convergence_figure", "plot_iterations_against_condition",
           "SGDView", "sgd_figure", "sgd_small_multiples"]


# ------------------------------------------------------------------------- convexity ----

def _function(text: str, name: str) -> tuple[sympy.Expr, Any, Any, Any]:
    expr = parse_function(text, ("x",), name=name)
    x = sympy.Symbol("x")
    return (expr, to_numpy_function(expr), to_numpy_function(sympy.diff(expr, x)),
            to_numpy_function(sympy.diff(expr, x, 2)))


@styled
def convexity_figure(convex: str = "exp(x) - 2*x", nonconvex: str = "x^4/4 - x^2 + x/2",
                     x_range: tuple[float, float] = (-2.2, 2.2)) -> Figure:
    """Four panels: for the convex f, a chord above the graph, a tangent below it and
    f'' ≥ 0; for the non-convex g, a chord below the graph and two local minima, only one of
    them global.

    Examples
    --------
    >>> fig = convexity_figure()
    >>> [ax.get_title().split(":")[0] for ax in fig.axes]
    ['definition', 'first order', 'second order', 'not convex']
    """
    low, high = check_range(x_range, "x_range")
    _, f, df, d2f = _function(convex, "convex")
    g_expr, g, dg, d2g = _function(nonconvex, "nonconvex")
    xs = np.linspace(low, high, 301)
    fig, axes = new_figure(2, 2, width_ratio=1.0, height_ratio=1.6)
    a, b = low + 0.2 * (high - low), low + 0.85 * (high - low)
    ts = np.linspace(0, 1, 50)
    chord_x = a + ts * (b - a)

    ax = axes[0]
    curve(ax, xs, f(xs), "function", label="f")
    curve(ax, chord_x, f(a) + ts * (f(b) - f(a)), "secant", label="chord", markevery=[0, -1])
    ax.set_title("definition: every chord lies above the graph", fontsize="medium")

    ax = axes[1]
    curve(ax, xs, f(xs), "function", label="f")
    x0 = low + 0.45 * (high - low)
    curve(ax, xs, f(x0) + df(x0) * (xs - x0), "tangent", label=f"tangent at {x0:g}")
    marker(ax, x0, f(x0))
    ax.set_title("first order: every tangent lies below", fontsize="medium")

    ax = axes[2]
    curve(ax, xs, d2f(xs), "function", label="f''")
    curve(ax, xs, d2g(xs), "approximation", label="g''")
    ax.axhline(0.0, color=style.PALETTE["grey"], linewidth=1.0)
    ax.fill_between(xs, d2g(xs), 0.0, where=d2g(xs) < 0, color=style.PALETTE["vermillion"],
                    alpha=0.2, label="g'' < 0")
    ax.set_title("second order: f'' ≥ 0 (Hessian PSD)", fontsize="medium")

    ax = axes[3]
    curve(ax, xs, g(xs), "approximation", label="g")
    x = sympy.Symbol("x")
    stationary = [float(r) for r in sympy.Poly(sympy.diff(g_expr, x), x).nroots()
                  if abs(sympy.im(r)) < 1e-12 and low <= float(sympy.re(r)) <= high] \
        if g_expr.is_polynomial(x) else []
    minima = sorted((p for p in stationary if d2g(p) > 0), key=lambda p: float(g(p)))
    if len(minima) >= 2:
        marker(ax, minima[0], g(minima[0]), label="global minimum", marker="*",
               markersize=13, color=style.PALETTE["green"])
        marker(ax, minima[1:], g(np.array(minima[1:])), label="local, not global",
               marker="D", color=style.PALETTE["orange"])
        p, q = minima[0], minima[1]
        curve(ax, p + ts * (q - p), g(p) + ts * (g(q) - g(p)), "secant", label="chord",
              markevery=[0, -1])
    ax.set_title("not convex: a chord below, two minima", fontsize="medium")
    for ax in axes:
        ax.set_xlim(low, high)
        ax.set_xlabel("x")
    inside = False
    for ax in axes:  # one layout pass while the legends fit inside
        inside = legend_inside(place_legend(ax, fontsize="x-small", relayout=not inside))
    return fig


# ----------------------------------------------------------------------- convergence ----

def _series(values: Any, name: str) -> np.ndarray:
    array = check_array(values, name, ndim=1, finite=False)
    return np.where(array > 0, array, np.nan)


@styled
def convergence_figure(panels: Sequence[tuple[str, Mapping[str, Any]]],
                       ylabel: str = "‖xₖ − x*‖") -> Figure:
    """One log-scale panel per problem: the error of each method against the iteration k.

    Parameters
    ----------
    panels : sequence of (title, {method: errors})
        Errors e_0, e_1, … per method (zeros are left out: log scale).
    ylabel : str
        The label of the error axis.

    Examples
    --------
    >>> fig = convergence_figure([("κ = 10", {"GD": 0.5 ** np.arange(20), "Newton": [1, 0.1, 1e-4]})])
    >>> fig.axes[0].get_yscale()
    'log'
    """
    items = check_sequence(panels, "panels", minimum=1, maximum=6, what="(title, curves) pairs")
    if not isinstance(ylabel, str):
        raise TypeError(f"ylabel must be a string, got {type(ylabel).__name__}")
    columns = 2 if len(items) == 4 else min(len(items), 3)
    rows = -(-len(items) // columns)
    fig, axes = new_figure(rows, columns, width_ratio=1.0, height_ratio=0.95 * rows)
    handles: dict[str, Line2D] = {}
    first_column = [k for k in range(len(items)) if k % columns == 0]
    for ax, item in zip(axes, items):
        if not (isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[0], str)
                and isinstance(item[1], Mapping)):
            raise TypeError(f"panels must hold (title, {{method: errors}}) pairs, got "
                            f"{shown(item)}")
        title, curves = item
        for index, (label, errors) in enumerate(curves.items()):
            values = _series(errors, "panels")
            kw = series_kwargs(index)
            (line,) = ax.semilogy(np.arange(values.size), values, label=str(label),
                                  markevery=max(1, values.size // 10), markersize=5, **kw)
            handles.setdefault(str(label), line)
        ax.set_title(title, fontsize="medium")
        ax.set_xlabel("iteration k")
    for k in first_column:
        axes[k].set_ylabel(ylabel)
    for ax in axes[len(items):]:
        ax.set_visible(False)
    fig.legend(list(handles.values()), list(handles), loc="outside lower center",
               ncols=len(handles), fontsize="small")
    return fig


@styled
def plot_iterations_against_condition(kappas: Any, counts: Mapping[str, Any], *,
                                      ax: Axes | None = None, tol: float | None = None) -> Axes:
    """Iterations to reach a tolerance against the condition number κ (log–log), per method.

    ``tol`` labels the y-axis "iterations to ‖∇f(xₖ)‖ < tol", the stopping rule of
    :func:`~lecture_utils.maths.optimize.gradient_descent` and
    :func:`~lecture_utils.maths.newton.newtons_method`.

    Examples
    --------
    >>> ax = plot_iterations_against_condition([10, 100], {"GD": [50, 500], "Newton": [1, 1]})
    >>> ax.get_xscale(), len(ax.lines)
    ('log', 2)
    """
    k = check_array(kappas, "kappas", ndim=1)
    if k.size < 2 or np.any(k < 1):
        raise ValueError("kappas must hold at least two condition numbers ≥ 1")
    if not isinstance(counts, Mapping) or not counts:
        raise TypeError(f"counts must be a dict {{method: iteration counts}}, got {shown(counts)}")
    if tol is not None:
        tol = float(check_real_number(tol, "tol", positive=True))
    if check_axes(ax) is None:
        _, (ax,) = new_figure(width_ratio=0.6, height_ratio=1.0)
    for index, (label, values) in enumerate(counts.items()):
        n = check_array(values, "counts", ndim=1)
        if n.shape != k.shape:
            raise ValueError(f"counts must hold one count per entry of kappas ({k.size}), got "
                             f"{n.size} for {label!r}")
        ax.loglog(k, np.maximum(n, 1), label=str(label), **series_kwargs(index))
    ax.set_xlabel("condition number κ")
    ax.set_ylabel("iterations" + ("" if tol is None else f" to ‖∇f(xₖ)‖ < {tol:g}"))
    place_legend(ax, fontsize="small")
    return ax


# --------------------------------------------------------------------------------- SGD ----

def _window(problem: LeastSquares, points: np.ndarray) -> tuple[tuple[float, float], ...]:
    centre = problem.minimizer
    reach = max(float(np.max(np.abs(points - centre))), 0.5) * 1.15
    return ((centre[0] - reach, centre[0] + reach), (centre[1] - reach, centre[1] + reach))


@dataclass
class SGDView:
    """An SGD path on the loss contours and its excess loss against epochs, updated in place.

    ``moving_artists`` are what a new run changes (path, end point, loss curve).
    """

    path_ax: Axes
    loss_ax: Axes | None
    path: Line2D
    end: Line2D
    loss: Line2D | None
    moving_artists: list[Any]

    @classmethod
    def draw(cls, problem: LeastSquares, run: SGDRun, *, path_ax: Axes, loss_ax: Axes | None,
             x_range: tuple[float, float] | None = None,
             y_range: tuple[float, float] | None = None, n_epochs: int | None = None,
             loss_range: tuple[float, float] | None = None) -> "SGDView":
        """Draw the contours, the minimiser, the path and (given ``loss_ax``) the loss curve."""
        if x_range is None or y_range is None:
            x_range, y_range = _window(problem, run.points)
        draw_contours(problem.value_xy, x_range, y_range, ax=path_ax, levels=10, resolution=101,
                      labels=False)
        plane_axes(path_ax, x_range, y_range)
        path_ax.set_xlabel("w₁")
        path_ax.set_ylabel("w₂", rotation=0, labelpad=10)
        marker(path_ax, *problem.minimizer, label="w* (least squares)", marker="*",
               markersize=13, color=style.PALETTE["green"])
        marker(path_ax, *run.points[0], label="w₀", markerfacecolor="white")
        (path,) = path_ax.plot(*run.points.T, color=style.PALETTE["vermillion"], linewidth=1.0,
                               alpha=0.85, label="SGD path")
        (end,) = path_ax.plot(*run.points[-1], "o", color=style.PALETTE["vermillion"],
                              markersize=6, zorder=6)
        if loss_ax is None:
            return cls(path_ax, None, path, end, None, [path, end])
        (loss,) = loss_ax.semilogy(run.epochs, np.maximum(run.excess, 1e-300),
                                   color=style.PALETTE["vermillion"], linewidth=1.2,
                                   label="SGD")
        epochs = n_epochs if n_epochs is not None else float(run.epochs[-1])
        loss_ax.set_xlim(0, epochs)
        if loss_range is None:
            top = float(run.excess[0]) * 3 if run.excess[0] > 0 else 1.0
            loss_range = (top * 1e-6, top)
        loss_ax.set_ylim(*loss_range)
        loss_ax.set_xlabel("epochs (per-example gradients ÷ m)")
        loss_ax.set_ylabel("L(wₖ) − L*")
        return cls(path_ax, loss_ax, path, end, loss, [path, end, loss])

    def update(self, run: SGDRun) -> None:
        """Show another run (same problem and axes): only the artists' data change."""
        self.path.set_data(*run.points.T)
        self.end.set_data([run.points[-1, 0]], [run.points[-1, 1]])
        if self.loss is not None:
            self.loss.set_data(run.epochs, np.maximum(run.excess, 1e-300))


def _check_problem(problem: Any) -> LeastSquares:
    if not isinstance(problem, LeastSquares) or problem.n != 2:
        raise TypeError(f"problem must be a LeastSquares problem with 2 weights (e.g. "
                        f"LeastSquares.synthetic()), got {shown(problem)}")
    return problem


def _check_runs(runs: Any) -> dict[str, SGDRun]:
    if not isinstance(runs, Mapping) or not runs or not all(
            isinstance(r, SGDRun) and r.points.shape[1] == 2 for r in runs.values()):
        raise TypeError(f"runs must be a dict {{label: SGDRun}} of 2-weight runs, got "
                        f"{shown(runs)}")
    return {str(k): v for k, v in runs.items()}


@styled
def sgd_figure(problem: LeastSquares, runs: Mapping[str, SGDRun]) -> Figure:
    """Full-batch GD and mini-batch SGD side by side: the paths on the loss contours, and the
    excess loss against parameter updates and against per-example gradient evaluations.

    Examples
    --------
    >>> from lecture_utils.maths.stochastic import LeastSquares, sgd
    >>> p = LeastSquares.synthetic(m=40)
    >>> fig = sgd_figure(p, {"GD": sgd(p, [3, 2], 0.5, 40, 5), "SGD": sgd(p, [3, 2], 0.1, 4, 5)})
    >>> [ax.get_xlabel() for ax in fig.axes][1:]
    ['updates k', 'per-example gradients']
    """
    problem = _check_problem(problem)
    runs = _check_runs(runs)
    fig, axes = new_figure(1, 3, width_ratio=1.0, height_ratio=1.05,
                           gridspec_kw={"width_ratios": [1.25, 1.0, 1.0]})
    everything = np.vstack([r.points for r in runs.values()])
    x_range, y_range = _window(problem, everything)
    draw_contours(problem.value_xy, x_range, y_range, ax=axes[0], levels=10, resolution=101,
                  labels=False)
    plane_axes(axes[0], x_range, y_range)
    axes[0].set_xlabel("w₁")
    axes[0].set_ylabel("w₂", rotation=0, labelpad=10)
    for index, (label, run) in enumerate(runs.items()):
        kw = series_kwargs(index)
        axes[0].plot(*run.points.T, color=kw["color"], linestyle=kw["linestyle"], linewidth=1.0,
                     alpha=0.9)
        excess = np.where(run.excess > 0, run.excess, np.nan)
        every = max(1, len(excess) // 8)
        axes[1].semilogy(np.arange(len(excess)), excess, label=label, markevery=every,
                         markersize=4, linewidth=1.2, **kw)
        axes[2].semilogy(run.gradient_evaluations, excess, label=label, markevery=every,
                         markersize=4, linewidth=1.2, **kw)
    marker(axes[0], *problem.minimizer, marker="*", markersize=13, color=style.PALETTE["green"])
    axes[0].set_title("paths (★ = w*)", fontsize="medium")
    axes[1].set_title("per update", fontsize="medium")
    axes[2].set_title("per unit of work", fontsize="medium")
    axes[1].set_xlabel("updates k")
    axes[2].set_xlabel("per-example gradients")
    axes[1].set_ylabel("L(wₖ) − L*")
    bottom = min(np.nanmin(np.where(r.excess > 0, r.excess, np.nan)) for r in runs.values())
    for ax in axes[1:]:
        ax.set_ylim(max(bottom, 1e-12) / 2, None)
    place_legend(axes[2], fontsize="x-small")
    return fig


@styled
def sgd_small_multiples(problem: LeastSquares, w0: Any = (3.0, 2.0),
                        settings: Sequence[tuple[int, float, bool]] = (
                            (1, 0.05, False), (1, 0.1, False), (1, 0.1, True),
                            (8, 0.1, False)),
                        n_epochs: int = 20, seed: int = 0) -> Figure:
    """Static counterpart of the SGD explorer: one panel per (batch size, step, decaying)
    setting, the path on the contours with the noise floor in the title.

    Examples
    --------
    >>> from lecture_utils.maths.stochastic import LeastSquares
    >>> fig = sgd_small_multiples(LeastSquares.synthetic(m=40), n_epochs=5)
    >>> len(fig.axes)
    4
    """
    problem = _check_problem(problem)
    w0 = check_array(w0, "w0", shape=(2,))
    items = check_sequence(settings, "settings", minimum=1, maximum=6,
                           what="(batch size, step, decaying) triples")
    n_epochs = check_integer(n_epochs, "n_epochs", minimum=2, maximum=200)
    seed = check_integer(seed, "seed", minimum=0)
    runs = []
    for item in items:
        if not (isinstance(item, (tuple, list)) and len(item) == 3):
            raise TypeError(f"settings must hold (batch size, step, decaying) triples, got "
                            f"{shown(item)}")
        batch, step, decaying = item
        step = float(check_real_number(step, "settings", positive=True))
        runs.append((batch, step, bool(decaying),
                     sgd(problem, w0, step, batch, n_epochs, seed=seed,
                         decay=1.0 if decaying else 0.0)))
    columns = min(len(runs), 4)
    rows = -(-len(runs) // columns)
    fig, axes = new_figure(rows, columns, width_ratio=1.0, height_ratio=0.75 * rows)
    x_range, y_range = _window(problem, np.vstack([r[3].points for r in runs]))
    for ax, (batch, step, decaying, run) in zip(axes, runs):
        SGDView.draw(problem, run, path_ax=ax, loss_ax=None, x_range=x_range, y_range=y_range)
        ax.set_aspect("auto")
        floor = noise_floor(run, max(1, n_epochs // 4))
        schedule = "γ/(1+epochs)" if decaying else "constant"
        ax.set_title(f"b = {batch}, γ = {step:g} {schedule}\nfloor {floor:.1e}",
                     fontsize="small")
        if ax is not axes[0]:
            ax.set_ylabel("")
    for ax in axes[len(runs):]:
        ax.set_visible(False)
    return fig
