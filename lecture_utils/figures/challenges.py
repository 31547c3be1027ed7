"""Drawings of notebook 09, the challenges of gradient descent (layer 2).

Local and global minima, saddle points and the effect of the step size, drawn from the
results of layer 1 (:func:`lecture_utils.maths.optimize.gradient_descent` returns a
:class:`~lecture_utils.maths.optimize.Trajectory`; :mod:`lecture_utils.maths.landscapes` has the test
functions). Every helper takes an optional ``ax`` (or returns a new ``Figure``) and returns
what it drew. The adaptive steps and momentum of notebook 10 are drawn by
:mod:`lecture_utils.figures.momentum` (with :func:`plot_paths` and :func:`plot_value_history`).

An *objective* here is anything that evaluates points of shape ``(..., 2)``: a
:class:`~lecture_utils.maths.quadratic.Quadratic`, a :class:`~lecture_utils.maths.landscapes.Landscape`,
or a function such as ``lambda p: p[..., 0]**2 - p[..., 1]**2`` (see
:func:`lecture_utils.figures.base.objective_xy`). A *path* is a
:class:`~lecture_utils.maths.optimize.Trajectory` or an array of points of shape ``(k + 1, 2)``,
drawn by :func:`lecture_utils.figures.base.draw_path`: told apart by colour, line style and
marker (:func:`lecture_utils.style.series_style`); the start is a hollow marker, the end a
filled one.

Examples
--------
>>> from lecture_utils.maths.landscapes import SADDLE
>>> from lecture_utils.maths.optimize import gradient_descent
>>> run = gradient_descent(SADDLE.gradient, [1.0, 0.0], 0.1, f=SADDLE.value)
>>> artists = plot_paths(SADDLE, [run], ["start on the x1 axis"])
>>> len(artists["paths"][0])              # the line, the start and the end marker
3
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import style
from .._validation import (
    check_array, check_callable, check_flag, check_integer, check_real_number, check_sequence,
)
from ..maths.optimize import Trajectory
from .base import (
    ERROR_FLOOR, MAX_WIDTH_RATIO, POINT_STYLE, check_axes, check_range, check_text, curve,
    draw_contours, draw_marks, draw_path, evaluate_quietly, finish_figure, mark_list, new_figure,
    objective_xy, panel_grid, path_list, path_points, place_legend, plane_axes, text_list,
    y_limits,
)
from .rendering import agg_figure
from ..style import styled

__all__ = [
    "plot_paths", "paths_figure", "plot_value_history", "paths_small_multiples",
    "plot_minimisers", "minimisers_figure", "saddle_figure", "saddle_escape_figure",
]


@styled
def plot_paths(objective: Any, paths: Sequence[Any], labels: Sequence[str] | None = None, *,
               x_range: tuple[float, float] | None = None,
               y_range: tuple[float, float] | None = None, ax: Axes | None = None,
               marks: Mapping[str, Sequence[Sequence[float]]] | None = None,
               levels: int = 14, title: str | None = None,
               legend: bool = True, first_index: int = 0) -> dict[str, Any]:
    """Descent paths on the contour lines of a 2-D objective.

    Parameters
    ----------
    objective : Quadratic, Landscape or callable
        Evaluates points of shape (..., 2).
    paths : list of Trajectory or arrays of shape (k + 1, 2)
        The runs to draw.
    labels : list of str, optional
        One legend label per path.
    x_range, y_range : (float, float), optional
        The window (default: the landscape's window, else (-3, 3)).
    ax : Axes, optional
        Where to draw (a new figure if ``None``).
    marks : dict, optional
        Special points to mark: ``{"minimiser": [...], "local minimiser": [...],
        "saddle": [...], "maximum": [...]}``.
    levels : int
        About this many contour lines.
    title : str, optional
        Axes title.
    legend : bool
        Add a legend.
    first_index : int
        The series style of the first path (the next paths take the following ones), so
        that small multiples keep one style per run across panels.

    Returns
    -------
    dict
        ``"contours"`` (the contour artists), ``"paths"`` (a list of [line, start, end] per
        path) and ``"marks"``.

    Examples
    --------
    >>> from lecture_utils.maths.optimize import Quadratic, gradient_descent
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> run = gradient_descent(q.gradient, [-3, -1], 0.05, f=q.value)
    >>> drawn = plot_paths(q, [run], ["γ = 0.05"], x_range=(-4, 4), y_range=(-2, 2),
    ...                    marks={"minimiser": [q.minimizer]})
    >>> drawn["paths"][0][0].get_xydata().shape
    (101, 2)
    """
    value_xy = objective_xy(objective)
    paths = path_list(paths)
    names = text_list(labels, len(paths))
    x_range = check_range(x_range if x_range is not None else
                           getattr(objective, "x_range", (-3.0, 3.0)), "x_range")
    y_range = check_range(y_range if y_range is not None else
                           getattr(objective, "y_range", (-3.0, 3.0)), "y_range")
    checked_marks = mark_list(marks)
    ax, title = check_axes(ax), check_text(title, "title")
    levels = check_integer(levels, "levels", minimum=2, maximum=50)
    legend = check_flag(legend, "legend")
    first_index = check_integer(first_index, "first_index", minimum=0, maximum=1000)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.3)
    contours = draw_contours(value_xy, x_range, y_range, ax=ax, levels=levels, labels=False)
    drawn = [draw_path(ax, path, index=first_index + i, label=name)
             for i, (path, name) in enumerate(zip(paths, names))]
    mark_artists = draw_marks(ax, checked_marks)
    plane_axes(ax, x_range, y_range)
    if title:
        ax.set_title(title)
    if legend and (any(names) or mark_artists):
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                  fontsize="small")
    return {"contours": contours, "paths": drawn, "marks": mark_artists}


@styled
def paths_figure(objective: Any, paths: Sequence[Any], labels: Sequence[str] | None = None,
                 **kwargs: Any) -> Figure:
    """:func:`plot_paths` on a new figure, returned for display (the keyword arguments of
    :func:`plot_paths` except ``ax``).

    Examples
    --------
    >>> fig = paths_figure(lambda p: (p**2).sum(-1), [[[1.0, 1.0], [0.5, 0.5]]], ["run"],
    ...                    title="a bowl")
    >>> fig.axes[0].get_title()
    'a bowl'
    """
    if "ax" in kwargs:
        raise TypeError("paths_figure makes its own axes: use plot_paths(..., ax=...) to draw "
                        "on an existing one")
    fig, (ax,) = new_figure(width_ratio=0.8, height_ratio=1.2)
    plot_paths(objective, paths, labels, ax=ax, **kwargs)
    return fig


def _values(path: Any, f: Callable[[Any, Any], np.ndarray] | None) -> np.ndarray:
    """f at the points of ``path`` (its recorded values when it carries them)."""
    if isinstance(path, Trajectory) and path.values is not None:
        return np.asarray(path.values, dtype=float)
    if f is None:
        raise ValueError("the paths carry no values (run gradient_descent with f=...): pass "
                         "objective=... to evaluate them")
    points = path_points(path)
    return np.atleast_1d(f(points[:, 0], points[:, 1]))


@styled
def plot_value_history(paths: Sequence[Any], labels: Sequence[str] | None = None, *,
                       minimum: float = 0.0, objective: Any | None = None,
                       ax: Axes | None = None, title: str | None = None) -> list[Line2D]:
    """f(x_k) − f* against the step k, on a logarithmic axis (one curve per path).

    Parameters
    ----------
    paths : list of Trajectory or point arrays
        Runs; a Trajectory run with ``f=...`` carries its values.
    labels : list of str, optional
        One legend label per path.
    minimum : float
        f*, the minimum value subtracted (a gap below :data:`~lecture_utils.figures.base.ERROR_FLOOR`
        is drawn at the floor).
    objective : optional
        Evaluates the points when a path carries no values.
    ax : Axes, optional
        Where to draw.
    title : str, optional
        Axes title.

    Returns
    -------
    list of Line2D

    Examples
    --------
    >>> lines = plot_value_history([[[1.0, 0.0], [0.5, 0.0]]], objective=lambda p: (p**2).sum(-1))
    >>> lines[0].get_ydata().tolist()
    [1.0, 0.25]
    """
    paths = path_list(paths)
    names = text_list(labels, len(paths))
    minimum = float(check_real_number(minimum, "minimum"))
    f = None if objective is None else objective_xy(objective)
    ax, title = check_axes(ax), check_text(title, "title")
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.0)
    gaps = []
    for path in paths:
        with np.errstate(all="ignore"):
            gap = _values(path, f) - minimum
            gaps.append(np.where(np.isfinite(gap), np.maximum(gap, ERROR_FLOOR), np.nan))
    lines = per_step_lines(ax, gaps, names, "f(x_k) − f*", title)
    top = max([ERROR_FLOOR] + [float(np.nanmax(g)) for g in gaps if np.any(np.isfinite(g))])
    ax.set_ylim(top=min(10 * top, 1e12))
    return lines


def per_step_lines(ax: Axes, series: Sequence[np.ndarray], names: Sequence[str | None],
                   ylabel: str, title: str | None) -> list[Line2D]:
    """One line per series against the step k, on a logarithmic axis, with a legend where it
    covers no data (else under the axes).

    Examples
    --------
    >>> fig, (ax,) = new_figure()
    >>> [line.get_label() for line in per_step_lines(ax, [np.ones(3)], ["a"], "y", None)]
    ['a']
    """
    lines = []
    for i, (values, name) in enumerate(zip(series, names)):
        (line,) = ax.plot(np.arange(values.size), values, label=name,
                          markevery=max(1, values.size // 12), markersize=5,
                          **style.series_style(i))
        lines.append(line)
    ax.set_yscale("log")
    ax.set_xlabel("step k")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if any(names):
        place_legend(ax, fontsize="small", outside="below")
    return lines


@styled
def paths_small_multiples(objective: Any, paths: Sequence[Any], titles: Sequence[str], *,
                          x_range: tuple[float, float] | None = None,
                          y_range: tuple[float, float] | None = None,
                          marks: Mapping[str, Sequence[Sequence[float]]] | None = None,
                          minimum: float | None = None, suptitle: str | None = None) -> Figure:
    """One contour panel per path, side by side; with ``minimum``, a last panel of
    f(x_k) − f* for all paths (the same colours and line styles).

    Examples
    --------
    >>> from lecture_utils.maths.optimize import Quadratic, gradient_descent
    >>> q = Quadratic([[2, 1], [1, 20]], [5, 3])
    >>> runs = [gradient_descent(q.gradient, [-3, -1], s, f=q.value) for s in (0.1, 0.01)]
    >>> fig = paths_small_multiples(q, runs, ["γ = 0.1", "γ = 0.01"], minimum=q.minimum,
    ...                             x_range=(-4, 4), y_range=(-2, 2))
    >>> len(fig.axes)
    3
    """
    paths = path_list(paths, maximum=5)
    titles = text_list(titles, len(paths), "titles", optional=False)
    objective_xy(objective)        # checked before any panel is drawn
    mark_list(marks)
    suptitle = check_text(suptitle, "suptitle")
    if minimum is not None:
        minimum = float(check_real_number(minimum, "minimum"))
    count = len(paths) + (minimum is not None)
    fig, axes = panel_grid(count)
    handles = []
    for i, (path, title) in enumerate(zip(paths, titles)):
        drawn = plot_paths(objective, [path], x_range=x_range, y_range=y_range, ax=axes[i],
                           marks=marks, title=title, legend=False, first_index=i)
        handles = drawn["marks"] or handles
    if minimum is not None:
        plot_value_history(paths, titles, minimum=minimum, objective=objective, ax=axes[-1],
                           title="f(x_k) − f*")
    return finish_figure(fig, handles, suptitle)


# ------------------------------------------------------------------ minima in 1-D ----

@styled
def plot_minimisers(f: Callable[[np.ndarray], Any], x_range: tuple[float, float], *,
                    minimisers: Sequence[float] = (), infimum: float | None = None,
                    ax: Axes | None = None, title: str | None = None,
                    label: str = "f(x)", xlabel: str = "x") -> dict[str, Any]:
    """The graph of a function of one variable with its global minimisers marked and, when
    given, its infimum as a dashed horizontal line (a value that need not be attained).

    Examples
    --------
    >>> drawn = plot_minimisers(lambda x: (x**2 - 1)**2, (-1.8, 1.8), minimisers=[-1, 1],
    ...                         infimum=0.0)
    >>> drawn["minimisers"].get_xdata().tolist()
    [-1.0, 1.0]
    """
    check_callable(f, "f")
    x_range = check_range(x_range, "x_range")
    points = check_array(minimisers, "minimisers").reshape(-1)
    if points.size > 100:
        raise ValueError(f"minimisers must be at most 100 points, got {points.size}")
    ax, title = check_axes(ax), check_text(title, "title")
    label, xlabel = check_text(label, "label"), check_text(xlabel, "xlabel", optional=False)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.5, height_ratio=1.0)
    xs = np.linspace(*x_range, 400)
    ys = evaluate_quietly(f, xs)
    graph = curve(ax, xs, ys, "function", label=label)
    found = None
    if points.size:
        found = ax.plot(points, evaluate_quietly(f, points), label="global minimisers",
                        zorder=6, **POINT_STYLE["minimiser"])[0]
    bound = None
    if infimum is not None:
        infimum = float(check_real_number(infimum, "infimum"))
        bound = ax.axhline(infimum, label=f"inf f = {infimum:g}", **{
            k: v for k, v in style.role_style("reference").items() if k != "marker"},
            linewidth=2)
    low, high = y_limits(ys)
    if infimum is not None:
        low = min(low, infimum - 0.1 * (high - low))
    ax.set_ylim(low, high)
    ax.set_xlim(*x_range)
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="upper center", fontsize="small")
    return {"graph": graph, "minimisers": found, "infimum": bound}


@styled
def minimisers_figure(panels: Sequence[Mapping[str, Any]]) -> Figure:
    """Panels of :func:`plot_minimisers` side by side; each dict holds its keyword arguments
    (``f``, ``x_range``, ``minimisers``, ``infimum``, ``title``, ``label``, ``xlabel``).

    Examples
    --------
    >>> fig = minimisers_figure([dict(f=np.exp, x_range=(-4, 1), infimum=0.0, title="eˣ")])
    >>> fig.axes[0].get_title()
    'eˣ'
    """
    panels = check_sequence(panels, "panels", minimum=1, maximum=4,
                            what="dicts of plot_minimisers arguments")
    for i, panel in enumerate(panels):
        if not isinstance(panel, Mapping) or "ax" in panel or \
                not all(isinstance(key, str) for key in panel):
            raise TypeError(f"panels[{i}] must be a dict of plot_minimisers arguments (f, "
                            f"x_range, minimisers, ...; not ax), got {type(panel).__name__}")
    fig, axes = new_figure(1, len(panels), width_ratio=min(MAX_WIDTH_RATIO, 0.5 * len(panels)),
                           height_ratio=1.0)
    for i, (ax, panel) in enumerate(zip(axes, panels)):
        try:
            plot_minimisers(ax=ax, **panel)
        except (TypeError, ValueError) as error:   # name the panel too
            raise type(error)(f"panels[{i}]: {error}") from None
    return fig


# ------------------------------------------------------------------------- saddles ----

def _size(value: Any, name: str) -> float:
    """A positive length of the drawing window, at most 10⁶ (beyond it the grids overflow)."""
    value = float(check_real_number(value, name, positive=True))
    if value > 1e6:
        raise ValueError(f"{name} must be a positive number up to 1e6, got {value:g}")
    return value


_ORIGIN_STYLE = {"marker": "o", "markersize": 10, "color": style.PALETTE["black"],
                 "markeredgecolor": "white", "markeredgewidth": 1.5, "linestyle": "none"}


@styled
def saddle_figure(functions: Mapping[str, Callable[[Any, Any], Any]], *,
                  extent: float = 1.5, epsilon: float = 0.8) -> Figure:
    """For each function of (x1, x2): its surface (left) and its contour lines (right), with
    the origin marked and the points (0, ±ε) and (±ε, 0) labelled with their values.

    Parameters
    ----------
    functions : dict
        ``{title: f}`` with f vectorised over arrays ``(x1, x2)`` (1 to 3 functions).
    extent : float
        The window is [−extent, extent]².
    epsilon : float
        Where the nearby values are written.

    Examples
    --------
    >>> fig = saddle_figure({"x₁² − x₂²": lambda a, b: a**2 - b**2})
    >>> fig.axes[0].name, len(fig.axes)
    ('3d', 2)
    """
    if not isinstance(functions, Mapping) or not 1 <= len(functions) <= 3:
        raise TypeError("functions must be a dict {title: f(x1, x2)} of 1 to 3 functions")
    extent = _size(extent, "extent")
    epsilon = float(check_real_number(epsilon, "epsilon", positive=True))
    if epsilon >= extent:
        raise ValueError(f"epsilon must be inside the window, 0 < epsilon < extent = "
                         f"{extent:g}, got {epsilon:g}")
    rows = len(functions)
    fig = agg_figure(figsize=style.figure_size(MAX_WIDTH_RATIO, 0.95 * rows), layout="constrained")
    grid = np.linspace(-extent, extent, 41)
    X1, X2 = np.meshgrid(grid, grid)
    import matplotlib
    import matplotlib.ticker

    for row, (title, f) in enumerate(functions.items()):
        check_callable(f, f"functions[{title!r}]")
        with np.errstate(all="ignore"):
            Z = np.asarray(f(X1, X2), dtype=float) * np.ones_like(X1)
        surface_ax = fig.add_subplot(rows, 2, 2 * row + 1, projection="3d")
        surface_ax.plot_surface(X1, X2, Z, cmap=matplotlib.colormaps["cividis"],
                                linewidth=0, antialiased=False, rstride=1, cstride=1)
        surface_ax.plot([0.0], [0.0], [float(f(0.0, 0.0))], zorder=10, **_ORIGIN_STYLE)
        surface_ax.plot(grid * 0, grid, np.asarray(f(grid * 0, grid), float) * np.ones_like(grid),
                        color=style.PALETTE["vermillion"], linestyle="--", linewidth=2)
        surface_ax.plot(grid, grid * 0, np.asarray(f(grid, grid * 0), float) * np.ones_like(grid),
                        color=style.PALETTE["sky_blue"], linestyle="-", linewidth=2)
        # two ticks per floor axis, the axis label between them (issue 12: with a third tick
        # at 0, its number sat on the label at display size)
        end = float(f"{math.floor(extent) if extent >= 1 else extent:.2g}")
        surface_ax.set_xticks([-end, end])
        surface_ax.set_yticks([-end, end])
        surface_ax.zaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
        surface_ax.tick_params(labelsize="small", pad=1)
        surface_ax.set_xlabel("x₁", labelpad=-4)
        surface_ax.set_ylabel("x₂", labelpad=-4)
        surface_ax.set_zlabel("f", labelpad=-4, rotation=0)
        surface_ax.zaxis.set_rotate_label(False)
        surface_ax.set_title(title, fontsize="medium")
        surface_ax.view_init(elev=28, azim=-58)
        contour_ax = fig.add_subplot(rows, 2, 2 * row + 2)
        draw_contours(f, (-extent, extent), (-extent, extent), ax=contour_ax, levels=13,
                      labels=False)
        contour_ax.plot([0, 0], [-extent, extent], color=style.PALETTE["vermillion"],
                        linestyle="--", linewidth=2, label="x₁ = 0")
        contour_ax.plot([-extent, extent], [0, 0], color=style.PALETTE["sky_blue"],
                        linestyle="-", linewidth=2, label="x₂ = 0")
        contour_ax.plot([0.0], [0.0], label="origin (∇f = 0)", zorder=8, **_ORIGIN_STYLE)
        origin = float(f(0.0, 0.0))
        for point in ((0.0, epsilon), (epsilon, 0.0)):
            value = float(f(*point))
            relation = "<" if value < origin else ">" if value > origin else "="
            contour_ax.annotate(f"f = {value + 0.0:.2g}\n({relation} f(0, 0))",
                                point, xytext=(6, 6), textcoords="offset points",
                                fontsize="x-small", zorder=9,
                                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                      "edgecolor": "#999999", "alpha": 0.9})
            contour_ax.plot(*point, marker="o", markersize=6, markerfacecolor="white",
                            markeredgecolor=style.PALETTE["black"], zorder=8)
        plane_axes(contour_ax, (-extent, extent), (-extent, extent))
        contour_ax.set_title("contour lines")
        contour_ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                          fontsize="small")
    return fig


@styled
def saddle_escape_figure(objective: Any, runs: Sequence[Trajectory], starts: Sequence[float],
                         steps_near: Sequence[int], *, radius: float, growth: float,
                         window: float = 1.5) -> Figure:
    """Gradient descent that starts next to the stable direction of a saddle lingers near it.

    Left: the paths on the contour lines, with the disc ‖x‖ < ``radius`` around the saddle.
    Middle: the distance ‖x_k‖ to the saddle against k (a plateau while the path lingers).
    Right: the number of steps spent in the disc against log₁₀(1/x₂(0)), with the
    least-squares line and the slope the linearisation predicts, 1/log₁₀(``growth``).

    Parameters
    ----------
    objective : Landscape, Quadratic or callable
        The function (a saddle at the origin).
    runs : list of Trajectory
        The runs, in the order of ``starts``.
    starts : list of float
        x₂(0) of each run (positive, tiny).
    steps_near : list of int
        Steps each run spent with ‖x_k‖ < radius.
    radius : float
        Radius of the disc drawn.
    growth : float
        Factor by which the unstable coordinate grows per step (1 + 2γ for x1² − x2²).
    window : float
        The contour window is [−window, window]².

    Examples
    --------
    >>> from lecture_utils.maths.landscapes import SADDLE
    >>> from lecture_utils.maths.optimize import gradient_descent
    >>> starts = [1e-2, 1e-4, 1e-6]
    >>> runs = [gradient_descent(SADDLE.gradient, [1.0, s], 0.1, n_steps=150,
    ...                          divergence_bound=10) for s in starts]
    >>> near = [int(np.sum(np.linalg.norm(r.points, axis=1) < 0.5)) for r in runs]
    >>> fig = saddle_escape_figure(SADDLE, runs, starts, near, radius=0.5, growth=1.2)
    >>> len(fig.axes)
    3
    """
    objective_xy(objective)
    runs = path_list(runs, "runs")
    starts_array = check_array(check_sequence(starts, "starts", what="numbers x2(0)"), "starts",
                               shape=(len(runs),))
    if np.any(starts_array <= 0):
        raise ValueError("starts must be the positive values x2(0) of the runs")
    near = check_array(check_sequence(steps_near, "steps_near", what="step counts"),
                       "steps_near", shape=(len(runs),))
    radius = _size(radius, "radius")
    growth = float(check_real_number(growth, "growth", positive=True))
    if not 1 < growth <= 1e6:
        raise ValueError(f"growth must be > 1 (the per-step factor of the unstable coordinate), "
                         f"got {growth:g}")
    window = _size(window, "window")
    fig, axes = new_figure(1, 3, width_ratio=MAX_WIDTH_RATIO, height_ratio=1.05)
    labels = [f"x₂(0) = {s:.0e}" for s in starts_array]
    plot_paths(objective, runs, labels, x_range=(-window, window), y_range=(-window, window),
               ax=axes[0], marks={"saddle": [(0.0, 0.0)]}, title="paths", legend=False)
    angle = np.linspace(0, 2 * np.pi, 200)
    axes[0].plot(radius * np.cos(angle), radius * np.sin(angle), label=f"‖x‖ < {radius:g}",
                 **{k: v for k, v in style.role_style("reference").items() if k != "marker"},
                 linewidth=2)
    for i, run in enumerate(runs):
        with np.errstate(all="ignore"):
            distance = np.linalg.norm(path_points(run), axis=1)
        kw = style.series_style(i)
        axes[1].plot(np.arange(distance.size), distance, label=labels[i],
                     markevery=max(1, distance.size // 10), markersize=5, **kw)
    axes[1].axhline(radius, color=style.PALETTE["grey"], linestyle=(0, (1, 3)), linewidth=2)
    axes[1].set_yscale("log")
    axes[1].set_xlabel("step k")
    axes[1].set_ylabel("‖x_k − saddle‖")
    axes[1].set_title("distance to the saddle")
    place_legend(axes[1], fontsize="x-small", outside="below")
    logs = np.log10(1.0 / starts_array)
    axes[2].plot(logs, near, label="measured", **{**style.role_style("point"), "markersize": 8})
    if logs.size >= 2 and np.ptp(logs) > 0:
        slope, intercept = np.polyfit(logs, near, 1)
        span = np.array([logs.min(), logs.max()])
        axes[2].plot(span, slope * span + intercept, label=f"fit: slope {slope:.2f}",
                     **{k: v for k, v in style.role_style("function").items() if k != "marker"})
        predicted = 1.0 / math.log10(growth)
        middle = float(np.mean(logs))
        axes[2].plot(span, float(np.mean(near)) + predicted * (span - middle),
                     label=f"1/log₁₀(1+2γ) = {predicted:.2f}",
                     **{k: v for k, v in style.role_style("approximation").items()
                        if k != "marker"})
    axes[2].set_xlabel("log₁₀(1 / x₂(0))")
    axes[2].set_ylabel(f"steps with ‖x_k‖ < {radius:g}")
    axes[2].set_title("time near the saddle")
    place_legend(axes[2], fontsize="small", outside="below")
    return fig
