"""Drawings of notebook 10, step sizes and momentum (layer 2).

Adaptive steps (bold driver, backtracking) and momentum compared on one objective: the step
sizes a rule chose, the paths, values and step sizes of several runs side by side, the same
start with several momenta, and a table of what each run cost. The paths are drawn with
:func:`lecture_utils.figures.challenges.plot_paths` (the objectives and paths it accepts are
described there).

Examples
--------
>>> from lecture_utils.maths.optimize import BoldDriver, gradient_descent
>>> run = gradient_descent(lambda x: 2 * x, [1.0, 1.0], BoldDriver(0.1), n_steps=3,
...                        f=lambda x: float(x @ x))
>>> len(plot_step_sizes([run], ["bold driver"]))
1
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from .._validation import check_array, check_integer, check_real_number, check_sequence, shown
from ..maths.optimize import Trajectory, gradient_descent
from .base import (
    ERROR_FLOOR, MAX_WIDTH_RATIO, check_axes, check_objective, check_text, finish_figure,
    legend_inside, mark_list, new_figure, objective_xy, panel_grid, place_legend, text_list,
)
from .challenges import per_step_lines, plot_paths, plot_value_history
from .rendering import agg_figure
from ..style import styled

# the eigen-picture and the rate map (notebook 10, issue 13), at the end of this module
import matplotlib as mpl  # noqa: E402

from ..maths.quadratic import Quadratic, heavy_ball_parameters, momentum_rate_map  # noqa: E402
from .base import CONTOUR_CMAP  # noqa: E402
from .._text import subscript as _subscript  # noqa: E402

__all__ = [
    "plot_step_sizes", "descent_comparison_figure", "momentum_small_multiples",
    "comparison_table", "MOMENTUM_TOL",
]


@styled
def plot_step_sizes(paths: Sequence[Any], labels: Sequence[str] | None = None, *,
                    ax: Axes | None = None, title: str | None = None) -> list[Line2D]:
    """The step size γ_k used (or tried) in each iteration, on a logarithmic axis.

    Examples
    --------
    >>> from lecture_utils.maths.optimize import BoldDriver, gradient_descent
    >>> run = gradient_descent(lambda x: 2 * x, [1.0], BoldDriver(0.1), n_steps=3,
    ...                        f=lambda x: float(x @ x))
    >>> plot_step_sizes([run])[0].get_ydata().round(3).tolist()
    [0.1, 0.11, 0.121]
    """
    paths = check_sequence(paths, "paths", minimum=1, maximum=12, what="Trajectory objects")
    for i, path in enumerate(paths):
        if not isinstance(path, Trajectory):
            raise TypeError(f"paths[{i}] must be a Trajectory (it records the step sizes), got "
                            f"{type(path).__name__}")
    names = text_list(labels, len(paths))
    ax, title = check_axes(ax), check_text(title, "title")
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.0)
    return per_step_lines(ax, [path.step_sizes for path in paths], names, "step size γ_k",
                          title)


@styled
def descent_comparison_figure(objective: Any, runs: Mapping[str, Trajectory], *,
                              minimum: float, x_range: tuple[float, float] | None = None,
                              y_range: tuple[float, float] | None = None,
                              marks: Mapping[str, Sequence[Sequence[float]]] | None = None,
                              suptitle: str | None = None,
                              dots: Sequence[str] = ()) -> Figure:
    """Several runs on one objective: their paths on the contours (top), f(x_k) − f*
    (bottom left) and the step sizes γ_k (bottom right).

    ``dots`` names runs whose step sizes are drawn as small dots under the other lines (a
    rule that picks γ anew at every step, such as backtracking, would otherwise cover them
    with a solid band).

    Examples
    --------
    >>> from lecture_utils.maths.optimize import BoldDriver, Quadratic, gradient_descent
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> runs = {"constant": gradient_descent(q.gradient, [-3, -1], 0.05, f=q.value),
    ...         "bold driver": gradient_descent(q.gradient, [-3, -1], BoldDriver(0.05), f=q.value)}
    >>> fig = descent_comparison_figure(q, runs, minimum=q.minimum, x_range=(-4, 4), y_range=(-2, 2))
    >>> [ax.get_title() for ax in fig.axes]
    ['paths', 'f(x_k) − f*', 'step sizes']
    """
    labels, paths = _checked_runs(runs)
    objective_xy(objective)
    minimum = float(check_real_number(minimum, "minimum"))
    mark_list(marks)
    suptitle = check_text(suptitle, "suptitle")
    if isinstance(dots, str) or not isinstance(dots, (list, tuple)) or \
            any(d not in labels for d in dots):
        raise ValueError(f"dots must be a list of labels of runs ({labels}), got {shown(dots)}")
    fig = agg_figure(figsize=style.figure_size(MAX_WIDTH_RATIO, 1.75), layout="constrained")
    grid = fig.subplot_mosaic([["paths", "paths"], ["values", "steps"]],
                              height_ratios=[1.15, 1.0])
    axes = [grid["paths"], grid["values"], grid["steps"]]
    drawn = plot_paths(objective, paths, labels, x_range=x_range, y_range=y_range, ax=axes[0],
                       marks=marks, title="paths", legend=False)
    plot_value_history(paths, minimum=minimum, objective=objective, ax=axes[1],
                       title="f(x_k) − f*")
    lines = plot_step_sizes(paths, ax=axes[2], title="step sizes")
    for line, label in zip(lines, labels):
        if label in dots:
            line.set(linestyle="none", marker=".", markersize=3, markevery=None, alpha=0.6,
                     zorder=1)
        else:
            line.set_zorder(3)
    handles = [artists[0] for artists in drawn["paths"]] + drawn["marks"]
    return finish_figure(fig, handles, suptitle)


def _checked_runs(runs: Any) -> tuple[list[str], list[Trajectory]]:
    """The labels and runs of a dict {label: Trajectory} of 1 to 12 runs."""
    if not isinstance(runs, Mapping) or not 1 <= len(runs) <= 12:
        raise TypeError(f"runs must be a dict {{label: Trajectory}} of 1 to 12 runs, got "
                        f"{type(runs).__name__} {shown(runs)}")
    for label, run in runs.items():
        if not isinstance(label, str):
            raise TypeError(f"runs must have text labels as keys, got {shown(label)}")
        if not isinstance(run, Trajectory):
            raise TypeError(f"runs[{label!r}] must be a Trajectory (the result of "
                            f"gradient_descent), got {type(run).__name__}")
    return list(runs), list(runs.values())


# ---------------------------------------------------------------------- momentum ----

#: The stopping rule ‖∇f‖ < MOMENTUM_TOL of :func:`momentum_small_multiples`.
MOMENTUM_TOL = 1e-8


def _momentum_title(objective: Any, step: float, alpha: float, run: Trajectory,
                    target: np.ndarray | None) -> str:
    """Two short lines: α (and the spectral radius ρ on a quadratic), then what the run did."""
    first = f"α = {alpha:g}"
    if hasattr(objective, "contraction_factor"):
        first += f", ρ = {objective.contraction_factor(step, alpha):.3f}"
    k = run.n_steps
    if run.status == "converged":
        second = f"‖∇f‖ < {MOMENTUM_TOL:.0e} at k = {k}"
    elif run.status == "diverged":
        second = f"diverged after {k} steps"
    elif target is not None:
        second = f"k = {k}: ‖x_k − x*‖ = {run.distances(target)[-1]:.0e}"
    else:
        second = f"k = {k}: ‖∇f‖ = {run.gradient_norms[-1]:.0e}"
    return f"{first}\n{second}"


@styled
def momentum_small_multiples(objective: Any, x0: Sequence[float], step: float,
                             momenta: Sequence[float] = (0.0, 0.5, 0.8, 0.95), *,
                             n_steps: int = 100, minimizer: Sequence[float] | None = None,
                             x_range: tuple[float, float] | None = None,
                             y_range: tuple[float, float] | None = None) -> Figure:
    """Static counterpart of the descent explorer with momentum: the same start and step
    with several momenta α, one panel each, and the distance to the minimiser for all.

    Each run stops when ‖∇f‖ < :data:`MOMENTUM_TOL`. A panel's title gives α, on a
    :class:`~lecture_utils.maths.optimize.Quadratic` the spectral radius ρ of the iteration
    (the asymptotic rate), and what the run did (the stopping rule met, or where it stands).

    Parameters
    ----------
    objective : Quadratic or Landscape
        Has ``value`` and ``gradient`` (points of shape (..., 2)).
    x0 : (float, float)
        The start.
    step : float
        The step size γ (the same in every panel).
    momenta : list of float
        α of each panel (1 to 6 values in [0, 1)).
    n_steps : int
        The most iterations of each run.
    minimizer : (float, float), optional
        The minimiser (default: the objective's ``minimizer`` or first ``minimizers``).
    x_range, y_range : (float, float), optional
        The window.

    Examples
    --------
    >>> from lecture_utils.maths.optimize import Quadratic
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> fig = momentum_small_multiples(q, [-3, -1], 0.05, [0.0, 0.5], x_range=(-4, 4),
    ...                                y_range=(-2, 2))
    >>> [ax.get_title().splitlines()[0] for ax in fig.axes]
    ['α = 0, ρ = 0.903', 'α = 0.5, ρ = 0.707', '‖x_k − x*‖']
    """
    objective = check_objective(objective)
    x0 = check_array(x0, "x0", shape=(2,))
    step = float(check_real_number(step, "step", positive=True))
    values = check_array(check_sequence(momenta, "momenta", minimum=1, maximum=6,
                                        what="momenta α in [0, 1)"), "momenta", ndim=1)
    if np.any(values < 0) or np.any(values >= 1):
        raise ValueError(f"momenta must hold 1 to 6 values in [0, 1), got {values.tolist()}")
    n_steps = check_integer(n_steps, "n_steps", minimum=1, maximum=100_000)
    if minimizer is None:
        minimizer = getattr(objective, "minimizer", None)
        if minimizer is None and getattr(objective, "minimizers", ()):
            minimizer = objective.minimizers[0]
    target = None if minimizer is None else check_array(minimizer, "minimizer", shape=(2,))
    runs = [gradient_descent(objective.gradient, x0, step, n_steps=n_steps, f=objective.value,
                             momentum=float(alpha), tol=MOMENTUM_TOL) for alpha in values]
    titles = [_momentum_title(objective, step, float(alpha), run, target)
              for alpha, run in zip(values, runs)]
    count = len(runs) + (target is not None)
    fig, axes = panel_grid(count)
    marks = None if target is None else {"minimiser": [target]}
    for i, (run, title) in enumerate(zip(runs, titles)):
        plot_paths(objective, [run], x_range=x_range, y_range=y_range, ax=axes[i],
                   marks=marks, title=title, legend=False, first_index=i)
        axes[i].title.set_fontsize("medium")
    if target is not None:
        ax = axes[-1]
        for i, (alpha, run) in enumerate(zip(values, runs)):
            distance = np.maximum(run.distances(target), ERROR_FLOOR)
            ax.plot(np.arange(distance.size), distance, label=f"α = {alpha:g}",
                    markevery=max(1, distance.size // 10), markersize=5,
                    **style.series_style(i))
        ax.set_yscale("log")
        ax.set_xlabel("step k")
        ax.set_title("‖x_k − x*‖")
        place_legend(ax, fontsize="small")
    return finish_figure(fig, (), f"the same start and step γ = {step:.3g}, different momentum α")


# ------------------------------------------------------------------------ the table ----

def comparison_table(runs: Mapping[str, Trajectory], minimizer: Sequence[float]) -> str:
    """A Markdown table of runs: status, steps, f and ∇f evaluations, final error ‖x_k − x*‖.

    Display it with ``IPython.display.Markdown``.

    Examples
    --------
    >>> from lecture_utils.maths.optimize import gradient_descent
    >>> run = gradient_descent(lambda x: 2 * x, [1.0, 1.0], 0.5, tol=1e-6)
    >>> print(comparison_table({"constant γ = 0.5": run}, [0.0, 0.0]))
    | method | status | steps | f evaluations | ∇f evaluations | final error ‖x_k − x*‖ |
    |---|---|---:|---:|---:|---:|
    | constant γ = 0.5 | converged | 1 | 0 | 2 | 0 |
    """
    labels, paths = _checked_runs(runs)
    minimizer = check_array(minimizer, "minimizer", ndim=1)
    for label, run in zip(labels, paths):
        if run.points.shape[1] != minimizer.size:
            raise ValueError(f"minimizer must be a point of the runs' space, shape "
                             f"({run.points.shape[1]},), got shape {minimizer.shape}")
    rows = ["| method | status | steps | f evaluations | ∇f evaluations | "
            "final error ‖x_k − x*‖ |", "|---|---|---:|---:|---:|---:|"]
    for label, run in zip(labels, paths):
        error = float(run.distances(minimizer)[-1])
        rows.append(f"| {label} | {run.status} | {run.n_steps} | {run.n_function_evaluations} | "
                    f"{run.n_gradient_evaluations} | {error:.2g} |")
    return "\n".join(rows)


# ------------------------------------------------------------- the eigen-picture ----

__all__ += [
    "ErrorComponentsView", "RateMapView", "check_quadratic", "check_start", "component_labels",
    "error_component_history", "error_components_figure", "rate_map_figure",
]

#: Colours of the eigen-directions: v₁ (λmin) and v₂ (λmax), and more for larger n.
_DIRECTION_STYLE = ({"color": style.PALETTE["blue"], "linestyle": "-", "marker": "o"},
                    {"color": style.PALETTE["vermillion"], "linestyle": "--", "marker": "s"},
                    {"color": style.PALETTE["green"], "linestyle": "-.", "marker": "^"})

#: Errors below this are drawn at it (a log axis has no 0).
EIGEN_FLOOR = 1e-16


def check_quadratic(value: Any, name: str = "quadratic") -> Quadratic:
    """``value`` if it is a :class:`~lecture_utils.maths.quadratic.Quadratic` with A positive
    definite, else a ``TypeError``/``ValueError`` naming ``name``.

    Examples
    --------
    >>> check_quadratic([[1, 0], [0, 1]])
    Traceback (most recent call last):
    ...
    TypeError: quadratic must be a Quadratic (e.g. Quadratic([[2, 1], [1, 20]], [5, 3])), got list
    """
    if not isinstance(value, Quadratic):
        raise TypeError(f"{name} must be a Quadratic (e.g. Quadratic([[2, 1], [1, 20]], [5, 3])), "
                        f"got {type(value).__name__}")
    if value.eigenvalues[0] <= 0:
        raise ValueError(f"{name} must have a positive definite A (all eigenvalues > 0), got "
                         f"eigenvalues {np.round(value.eigenvalues, 4).tolist()}")
    return value


#: Largest distance of a start from the minimiser in any coordinate (beyond it f(x0) nears overflow).
MAX_START_DISTANCE = 1e6


def check_start(value: Any, quadratic: Quadratic, name: str = "x0") -> np.ndarray:
    """``value`` as a start point of ``quadratic``: one finite coordinate per variable, within
    :data:`MAX_START_DISTANCE` of the minimiser; else a ``TypeError``/``ValueError`` naming
    ``name``.

    Examples
    --------
    >>> check_start([1, 2, 3], Quadratic([[1, 0], [0, 9]]))
    Traceback (most recent call last):
    ...
    ValueError: x0 must have 2 coordinates (one per variable of the quadratic, A is 2×2), got shape (3,)
    """
    x0 = check_array(value, name)
    if x0.shape != (quadratic.n,):
        raise ValueError(f"{name} must have {quadratic.n} coordinates (one per variable of the "
                         f"quadratic, A is {quadratic.n}×{quadratic.n}), got shape {x0.shape}")
    with np.errstate(over="ignore"):   # a start near 1e308: inf, refused below
        distance = float(np.abs(x0 - quadratic.minimizer).max())
    if not distance <= MAX_START_DISTANCE:
        raise ValueError(f"{name} must lie within {MAX_START_DISTANCE:g} of the minimiser "
                         f"x* = {np.round(quadratic.minimizer, 4).tolist()} in every coordinate, "
                         f"got a distance of {distance:.3g}")
    return x0


def component_labels(quadratic: Quadratic, step: float) -> list[str]:
    """Legend labels of the error components: λ_i, the signed factor 1 − γλ_i (negative: the
    component flips sign at every step) and the slowest named.

    Examples
    --------
    >>> component_labels(Quadratic([[1, 0], [0, 9]]), 0.15)
    ['v₁: λ₁ = 1, 1 − γλ₁ = 0.850 (slowest)', 'v₂: λ₂ = 9, 1 − γλ₂ = −0.350, flips sign']
    """
    signed = 1.0 - step * quadratic.eigenvalues
    factors = np.abs(signed)
    slowest = int(np.argmax(factors))
    labels = []
    for i, (lam, value, factor) in enumerate(zip(quadratic.eigenvalues, signed, factors)):
        s = _subscript(i + 1)
        label = f"v{s}: λ{s} = {lam:.3g}, 1 − γλ{s} = {value:.3f}".replace("-", "−")
        if value < 0:
            label += ", flips sign"
        if i == slowest:
            label += (" (stuck)" if abs(factor - 1.0) < 1e-12 else
                      " (diverges)" if factor > 1 else " (slowest)")
        labels.append(label)
    return labels


def error_component_history(quadratic: Quadratic, x0: Any, step: float, n_steps: int
                            ) -> np.ndarray:
    """|error components| of ``n_steps`` gradient-descent steps from ``x0``: shape (k + 1, n).

    The run is :func:`~lecture_utils.maths.optimize.gradient_descent` (no early stop); a
    diverging run ends where it passes 10⁸.

    Examples
    --------
    >>> q = Quadratic([[1, 0], [0, 9]])
    >>> error_component_history(q, [1.0, 1.0], 0.1, 2).round(6).tolist()
    [[1.0, 1.0], [0.9, 0.1], [0.81, 0.01]]
    """
    run = gradient_descent(quadratic.gradient, x0, step, n_steps=n_steps, tol=0.0)
    return np.abs(quadratic.error_components(run.points))


def _fit_log_limits(ax: Axes, lines: Sequence[Any]) -> None:
    """Log-axis limits that just hold the finite data of ``lines`` (a static figure)."""
    data = np.concatenate([np.asarray(line.get_ydata(), float) for line in lines])
    data = data[np.isfinite(data) & (data > 0)]
    if data.size:
        ax.set_ylim(data.min() / 3, data.max() * 3)


class ErrorComponentsView:
    """|error component i| against the step on a log axis (one curve per eigen-direction) and, below, the factors |1 − γλ_i|
    against γ with the current step marked; :meth:`update` moves both for a new step."""

    def __init__(self, quadratic: Quadratic, x0: Any, n_steps: int, ax_errors: Axes,
                 ax_factors: Axes | None, moving: list[Any]):
        self.quadratic, self.x0, self.n_steps = quadratic, np.asarray(x0, float), n_steps
        self.ax_errors, self.ax_factors, self.moving_artists = ax_errors, ax_factors, moving

    @classmethod
    def draw(cls, quadratic: Quadratic, x0: Any, step: float, n_steps: int, ax_errors: Axes,
             ax_factors: Axes | None = None, *, legend: str = "below",
             title: str | None = None) -> "ErrorComponentsView":
        lam = quadratic.eigenvalues
        k = np.arange(n_steps + 1)
        start = np.abs(quadratic.error_components(x0))[0]
        labels = component_labels(quadratic, step)
        lines = []
        for i in range(lam.size):
            kw = _DIRECTION_STYLE[i % len(_DIRECTION_STYLE)]
            (line,) = ax_errors.plot(k, np.full(k.size, np.nan), color=kw["color"],
                                     linestyle=kw["linestyle"], marker=kw["marker"],
                                     markersize=4, linewidth=1.4, label=labels[i],
                                     markevery=max(1, n_steps // 20))
            lines.append(line)
        ax_errors.set_yscale("log")
        top = max(float(start.max()), 1e-3)
        ax_errors.set_ylim(top * 1e-13, top * 1e5)
        ax_errors.set_xlim(0, n_steps)
        ax_errors.set_xlabel("step k")
        ax_errors.set_ylabel("|error component|")
        if title:
            ax_errors.set_title(title)
        moving = list(lines)
        view = cls(quadratic, x0, n_steps, ax_errors, ax_factors, moving)
        view.lines, view.start = lines, start
        view.legend = None
        if legend == "above":   # live view: the legend names the directions only (a legend
            # redrawn on every move would cost ≈ 25 ms; the explorer's status line gives the
            # signed factors, the slowest direction and which ones flip sign)
            for line, value, i in zip(lines, lam, range(lam.size)):
                line.set_label(f"v{_subscript(i + 1)}: λ{_subscript(i + 1)} = {value:.3g}")
            ax_errors.legend(loc="lower left", fontsize="small", bbox_to_anchor=(0.0, 1.01),
                             borderaxespad=0.0)
        if ax_factors is not None:
            edge = quadratic.max_stable_step
            gammas = np.linspace(0.0, 1.25 * edge, 400)
            for i, value in enumerate(lam):
                kw = _DIRECTION_STYLE[i % len(_DIRECTION_STYLE)]
                s = _subscript(i + 1)
                ax_factors.plot(gammas, np.abs(1 - gammas * value), color=kw["color"],
                                linestyle=kw["linestyle"], label=f"v{s}")
            ax_factors.axhline(1.0, color="0.4", linewidth=1.0, linestyle=":")
            ax_factors.axvline(edge, color="0.2", linewidth=1.0, linestyle=":")
            ax_factors.axvline(quadratic.optimal_step, color="0.5", linewidth=1.0, linestyle="-.")
            ax_factors.annotate("2/λmax", (edge, 1.22), ha="right", va="top", fontsize="small",
                                xytext=(-3, 0), textcoords="offset points")
            ax_factors.annotate("γ*", (quadratic.optimal_step, 0.03), ha="right", va="bottom",
                                fontsize="small", xytext=(-3, 0), textcoords="offset points")
            ax_factors.set_xlim(0.0, 1.25 * edge)
            ax_factors.set_ylim(0.0, 1.25)
            ax_factors.set_xlabel("step size γ")
            ax_factors.set_ylabel("|1 − γλᵢ|")
            view.marker = ax_factors.axvline(step, color="black", linewidth=1.6)
            (view.dots,) = ax_factors.plot([], [], "o", color="black", markersize=6)
            moving += [view.marker, view.dots]
        view.update(step)
        if legend == "below":
            _fit_log_limits(ax_errors, lines)
            view.legend = place_legend(ax_errors, fontsize="small", corners=(), outside="below")
        return view

    def update(self, step: float) -> np.ndarray:
        """Run ``n_steps`` with the step ``step`` and move the curves; returns the factors."""
        lam = self.quadratic.eigenvalues
        factors = np.abs(1.0 - step * lam)
        errors = error_component_history(self.quadratic, self.x0, step, self.n_steps)
        k = np.arange(self.n_steps + 1)
        for i, line in enumerate(self.lines):
            y = np.full(k.size, np.nan)
            y[:errors.shape[0]] = np.maximum(errors[:, i], EIGEN_FLOOR)
            line.set_ydata(y)
        if self.legend is not None:     # a static figure: the legend carries the factors
            for text, label in zip(self.legend.get_texts(), component_labels(self.quadratic, step)):
                text.set_text(label)
        if self.ax_factors is not None:
            self.marker.set_xdata([step, step])
            self.dots.set_data(np.full(lam.size, step), np.minimum(factors, 1.25))
        self.step, self.errors, self.factors = step, errors, factors
        return factors


@styled
def error_components_figure(panels: Sequence[Mapping[str, Any]], *, n_steps: int = 40
                            ) -> Figure:
    """The eigen-picture of gradient descent: for each panel, |error component i| against
    the step on a log axis (one curve per eigenvector of A; the legend gives each factor
    |1 − γλ_i| and names the slowest),
    and below it the factors |1 − γλ_i| against γ with the panel's step marked.

    Parameters
    ----------
    panels : list of dict
        One or two panels, each with ``quadratic`` (a :class:`~lecture_utils.maths.quadratic.Quadratic`
        with A positive definite), ``x0`` (the start), ``step`` (γ) and optional ``title``.
    n_steps : int
        Steps of each run.

    Examples
    --------
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> fig = error_components_figure([dict(quadratic=q, x0=[-3, -1], step=q.optimal_step)])
    >>> len(fig.axes)
    2
    """
    if not isinstance(panels, Sequence) or not 1 <= len(panels) <= 2:
        raise ValueError("panels must be a list of one or two dicts with quadratic, x0, step "
                         f"(and title), got {panels!r}")
    n_steps = check_integer(n_steps, "n_steps", minimum=1, maximum=10_000)
    checked = []
    for j, panel in enumerate(panels):
        if not isinstance(panel, Mapping) or not {"quadratic", "x0", "step"} <= set(panel):
            raise ValueError(f"panels[{j}] must be a dict with quadratic, x0 and step, got {panel!r}")
        q = check_quadratic(panel["quadratic"], f"panels[{j}]['quadratic']")
        x0 = check_start(panel["x0"], q, f"panels[{j}]['x0']")
        step = float(check_real_number(panel["step"], f"panels[{j}]['step']", positive=True))
        title = check_text(panel.get("title"), f"panels[{j}]['title']")
        checked.append((q, x0, step, title))
    fig = agg_figure(figsize=style.figure_size(1.0, 1.2 if len(checked) == 2 else 1.0),
                 layout="constrained")
    axes = fig.subplots(2, len(checked), squeeze=False, height_ratios=[2.2, 1.0])
    for j, (q, x0, step, title) in enumerate(checked):
        ErrorComponentsView.draw(q, x0, step, n_steps, axes[0, j], axes[1, j], title=title)
    return fig


# --------------------------------------------------------------- the rate map ----

class RateMapView:
    """The heavy ball's contraction factor ρ(γ, α) as a filled contour (ρ ≥ 1 light grey and
    hatched: not convergent from every start), Polyak's optimal pair starred and the current pair as a
    movable marker; beside it f(x_k) − f* of the current pair on a log axis, the steps where
    f rises marked. :meth:`update` moves the marker and the curve."""

    def __init__(self, **fields: Any):
        self.__dict__.update(fields)

    @classmethod
    def draw(cls, quadratic: Quadratic, x0: Any, step: float, momentum: float, n_steps: int,
             ax_map: Axes, ax_values: Axes, *, max_step: float | None = None) -> "RateMapView":
        lam = quadratic.eigenvalues
        max_step = 2.2 * quadratic.max_stable_step if max_step is None else max_step
        gammas = np.linspace(max_step / 300, max_step, 300)
        alphas = np.linspace(0.0, 0.99, 200)
        rho = momentum_rate_map(lam, gammas, alphas)
        best_step, best_alpha = heavy_ball_parameters(lam[0], lam[-1])
        best_rho = float(np.sqrt(best_alpha))
        low = np.floor(best_rho * 20) / 20
        levels = np.round(np.linspace(low, 1.0, int(round((1.0 - low) / 0.05)) + 1), 2)
        cmap = mpl.colormaps[CONTOUR_CMAP].with_extremes(over="0.82")
        filled = ax_map.contourf(gammas, alphas, np.minimum(rho, 2.0), levels=levels, cmap=cmap,
                                 extend="max")
        # ρ ≥ 1 hatched as well: the colour map's middle is greyish too, and must not read as it
        ax_map.contourf(gammas, alphas, rho, levels=[1.0, np.inf], colors="none", hatches=["//"])
        ax_map.contour(gammas, alphas, rho, levels=[1.0], colors="black", linewidths=1.4)
        bar = ax_map.get_figure().colorbar(filled, ax=ax_map, shrink=0.9)
        bar.set_label("ρ (hatch: ≥ 1)")
        ax_map.plot([best_step], [best_alpha], marker="*", color="white", markeredgecolor="black",
                    markersize=15, linestyle="none", label=f"optimal: ρ = {best_rho:.3f}")
        (current,) = ax_map.plot([step], [momentum], marker="o", color=style.PALETTE["vermillion"],
                                 markeredgecolor="black", markersize=9, linestyle="none",
                                 label="current (γ, α)")
        ax_map.set_xlabel("step size γ")
        ax_map.set_ylabel("momentum α")
        ax_map.set_xlim(0.0, max_step)
        ax_map.set_ylim(0.0, 0.99)
        start_gap = float(quadratic.value(x0) - quadratic.minimum)
        reference = gradient_descent(quadratic.gradient, x0, quadratic.optimal_step,
                                     n_steps=n_steps, f=quadratic.value, tol=0.0)
        k = np.arange(n_steps + 1)
        ax_values.plot(np.arange(reference.values.size),
                       np.maximum(reference.values - quadratic.minimum, EIGEN_FLOOR),
                       color="0.45", linestyle="--", label="γ*, α = 0")
        (line,) = ax_values.plot(k, np.full(k.size, np.nan), color=style.PALETTE["vermillion"],
                                 label="current (γ, α)")
        (rises,) = ax_values.plot([], [], "^", color="black", markersize=5, linestyle="none",
                                  label="f rises")
        ax_values.set_yscale("log")
        top = max(start_gap, 1e-3)
        # fixed limits (the explorer blits): from the floor the curves are clipped to, which
        # a fast pair reaches within the run, to 1000 × the start gap (f rises first)
        ax_values.set_ylim(EIGEN_FLOOR / 3, top * 1e3)
        ax_values.set_xlim(0, n_steps)
        ax_values.set_xlabel("step k")
        ax_values.set_ylabel("f(x_k) − f*")
        view = cls(quadratic=quadratic, x0=np.asarray(x0, float), n_steps=n_steps, ax_map=ax_map,
                   ax_values=ax_values, current=current, line=line, rises=rises,
                   best=(best_step, best_alpha, best_rho),
                   moving_artists=[current, line, rises])
        view.update(step, momentum)
        return view

    def update(self, step: float, momentum: float) -> Trajectory:
        """Run the heavy ball with (γ, α) = (``step``, ``momentum``) and move marker and curve."""
        run = gradient_descent(self.quadratic.gradient, self.x0, step, n_steps=self.n_steps,
                               f=self.quadratic.value, momentum=momentum, tol=0.0)
        gap = np.maximum(run.values - self.quadratic.minimum, EIGEN_FLOOR)
        y = np.full(self.n_steps + 1, np.nan)
        y[:gap.size] = gap
        self.line.set_ydata(y)
        up = np.flatnonzero(np.diff(run.values) > 0) + 1
        self.rises.set_data(up, gap[up])
        self.current.set_data([step], [momentum])
        self.run, self.rho = run, self.quadratic.contraction_factor(step, momentum)
        self.increases = int(up.size)
        return run


@styled
def rate_map_figure(quadratic: Quadratic, x0: Any, step: float, momentum: float, *,
                    n_steps: int = 100) -> Figure:
    """Static counterpart of the rate-map explorer: ρ(γ, α) of the heavy ball on
    ``quadratic`` with the optimal pair (star) and (``step``, ``momentum``) (dot), and
    f(x_k) − f* of that pair against the step (steps where f rises marked) beside the
    best constant step without momentum.

    Parameters
    ----------
    quadratic : Quadratic
        A positive definite quadratic.
    x0 : array_like
        The start.
    step, momentum : float
        The pair (γ, α) to mark and run (γ > 0, 0 ≤ α < 1).
    n_steps : int
        Steps of the runs.

    Examples
    --------
    >>> q = Quadratic.with_condition_number(50)
    >>> fig = rate_map_figure(q, [-2, 1.5], *q.optimal_momentum(), n_steps=40)
    >>> fig.axes[0].get_ylabel()
    'momentum α'
    """
    quadratic = check_quadratic(quadratic)
    x0 = check_start(x0, quadratic)
    step = float(check_real_number(step, "step", positive=True))
    momentum = float(check_real_number(momentum, "momentum"))
    if not 0.0 <= momentum < 1.0:
        raise ValueError(f"momentum must be in [0, 1), got {momentum:g}")
    n_steps = check_integer(n_steps, "n_steps", minimum=1, maximum=10_000)
    fig = agg_figure(figsize=style.figure_size(1.0, 0.62), layout="constrained")
    ax_map, ax_values = fig.subplots(1, 2, width_ratios=[1.25, 1.0])
    view = RateMapView.draw(quadratic, x0, step, momentum, n_steps, ax_map, ax_values)
    ax_map.set_title(f"ρ(γ, α); dot: γ = {step:.3g}, α = {momentum:.2f}, ρ = {view.rho:.3f}",
                     fontsize="medium")
    ax_values.set_title(f"f rises in {view.increases} of {view.run.n_steps} steps",
                        fontsize="medium")
    _fit_log_limits(ax_values, [view.line, *ax_values.lines[:1]])
    in_map = place_legend(ax_map, fontsize="small", corners=("lower right",))
    place_legend(ax_values, fontsize="small", outside="below", relayout=not legend_inside(in_map))
    return fig
