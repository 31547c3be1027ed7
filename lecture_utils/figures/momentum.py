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
    mark_list, new_figure, objective_xy, panel_grid, place_legend, text_list,
)
from .challenges import per_step_lines, plot_paths, plot_value_history
from ..style import styled

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
    fig = Figure(figsize=style.figure_size(MAX_WIDTH_RATIO, 1.75), layout="constrained")
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
