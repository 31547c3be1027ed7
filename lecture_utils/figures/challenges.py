"""Drawings of notebook 09, the challenges of gradient descent (layer 2).

Local and global minima, saddle points, the effect of the step size, and adaptive steps
(bold driver, backtracking, momentum) drawn from the results of layer 1
(:func:`lecture_utils.maths.optimize.gradient_descent` returns a
:class:`~lecture_utils.maths.optimize.Trajectory`; :mod:`lecture_utils.maths.landscapes` has the test
functions). Every helper takes an optional ``ax`` (or returns a new ``Figure``) and returns
what it drew.

An *objective* here is anything that evaluates points of shape ``(..., 2)``: a
:class:`~lecture_utils.maths.optimize.Quadratic`, a :class:`~lecture_utils.maths.landscapes.Landscape`,
or a function such as ``lambda p: p[..., 0]**2 - p[..., 1]**2``. A *path* is a
:class:`~lecture_utils.maths.optimize.Trajectory` or an array of points of shape ``(k + 1, 2)``.
Paths are told apart by colour, line style and marker (:func:`lecture_utils.style.series_style`);
the start is a hollow marker, the end a filled one.

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
from .._validation import check_array, check_callable, check_integer, check_real_number
from ..maths.optimize import Trajectory, gradient_descent
from .descent import objective_xy
from .base import (
    place_legend,
    ERROR_FLOOR,
    check_range,
    curve,
    draw_contours,
    evaluate_quietly,
    new_figure,
    plane_axes,
    y_limits,
)
from ..style import styled

__all__ = [
    "draw_path", "plot_paths", "paths_figure", "plot_value_history", "plot_step_sizes",
    "paths_small_multiples", "descent_comparison_figure", "plot_minimisers",
    "minimisers_figure", "saddle_figure", "saddle_escape_figure",
    "momentum_small_multiples", "comparison_table",
]

#: How special points are marked: global minimisers (star), other local minimisers
#: (diamond), saddle points (X), maxima (triangle).
POINT_STYLE: dict[str, dict[str, Any]] = {
    "minimiser": {"marker": "*", "markersize": 15, "color": style.PALETTE["black"],
                  "markeredgecolor": "white", "markeredgewidth": 0.8, "linestyle": "none"},
    "local minimiser": {"marker": "D", "markersize": 8, "color": style.PALETTE["black"],
                        "markerfacecolor": "white", "markeredgewidth": 2, "linestyle": "none"},
    "saddle": {"marker": "X", "markersize": 11, "color": style.PALETTE["vermillion"],
               "markeredgecolor": "white", "markeredgewidth": 0.8, "linestyle": "none"},
    "maximum": {"marker": "^", "markersize": 10, "color": style.PALETTE["purple"],
                "markeredgecolor": "white", "markeredgewidth": 0.8, "linestyle": "none"},
}


# ----------------------------------------------------------------------------- inputs ----

def _objective_xy(objective: Any, name: str = "objective") -> Callable[[Any, Any], np.ndarray]:
    """f(x1, x2) on grids, from an objective that evaluates points of shape (..., 2)."""
    if hasattr(objective, "value_xy"):
        return objective.value_xy
    if hasattr(objective, "value"):
        return objective_xy(objective)
    function = check_callable(objective, name)

    def value_xy(x1: Any, x2: Any) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(function(np.stack(np.broadcast_arrays(x1, x2), axis=-1)),
                              dtype=float)

    return value_xy


def _path_points(path: Any, name: str = "path") -> np.ndarray:
    """The points of a Trajectory (or an array) as a float array of shape (k + 1, n)."""
    raw = path.points if isinstance(path, Trajectory) else path
    try:
        points = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a Trajectory or an array of points of shape (k + 1, 2), "
                        f"got {type(path).__name__}") from None
    if points.ndim == 1:
        points = points[:, None]
    if points.ndim != 2 or points.shape[0] == 0:
        raise ValueError(f"{name} must hold points of shape (k + 1, n), got shape {points.shape}")
    points[~np.isfinite(points)] = np.nan       # a diverged run may end in inf
    return points


def _path_list(paths: Any, name: str = "paths") -> list[Any]:
    if isinstance(paths, (Trajectory, np.ndarray)) or not isinstance(paths, Sequence) or \
            isinstance(paths, str):
        raise TypeError(f"{name} must be a list of Trajectory objects (or point arrays), "
                        f"got {type(paths).__name__}")
    if not paths:
        raise ValueError(f"{name} must hold at least one path")
    return list(paths)


def _labels(labels: Sequence[str] | None, count: int, name: str = "labels") -> list[str | None]:
    if labels is None:
        return [None] * count
    if isinstance(labels, str) or len(labels) != count:
        raise ValueError(f"{name} must be a list of {count} strings (one per path), got "
                         f"{labels!r}")
    return [str(label) for label in labels]


def _mark_list(marks: Mapping[str, Sequence[Sequence[float]]] | None
               ) -> list[tuple[str, np.ndarray]]:
    """``{"minimiser": [(x1, x2), ...], "saddle": [...]}`` as checked (kind, points) pairs."""
    if not marks:
        return []
    result = []
    for kind, points in marks.items():
        if kind not in POINT_STYLE:
            options = ", ".join(repr(k) for k in POINT_STYLE)
            raise ValueError(f"marks keys must be {options}, got {kind!r}")
        array = check_array(points, f"marks[{kind!r}]")
        array = array.reshape(-1, array.shape[-1] if array.ndim else 1)
        result.append((kind, array))
    return result


# ------------------------------------------------------------------------------ paths ----

def draw_path(ax: Axes, path: Any, *, index: int = 0, label: str | None = None,
              markers: bool = True) -> list[Line2D]:
    """Draw one descent path x_0, x_1, … in the style of series ``index``.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    path : Trajectory or array_like, shape (k + 1, 2)
        The points (a diverged run may end outside the window; it is clipped by the axes).
    index : int
        Which series style (colour, line style, marker) to use.
    label : str, optional
        Legend label.
    markers : bool
        Mark the iterates (thinned to about 25 on a long path).

    Returns
    -------
    list of Line2D
        The path, its start (hollow marker) and its end (filled marker).

    Examples
    --------
    >>> fig, (ax,) = new_figure()
    >>> line, start, end = draw_path(ax, [[0, 0], [1, 1], [2, 1.5]], index=1, label="run")
    >>> line.get_linestyle(), start.get_markerfacecolor()
    ('--', 'none')
    """
    points = _path_points(path)
    if points.shape[1] != 2:
        raise ValueError(f"path must hold 2-D points, shape (k + 1, 2), got shape {points.shape}")
    index = check_integer(index, "index", minimum=0)
    kw = style.series_style(index)
    colour = kw["color"]
    every = max(1, points.shape[0] // 25)
    (line,) = ax.plot(points[:, 0], points[:, 1], color=colour, linestyle=kw["linestyle"],
                      marker=kw["marker"] if markers else None, markersize=4,
                      markevery=every, linewidth=1.6, label=label, zorder=4)
    (start,) = ax.plot(points[:1, 0], points[:1, 1], linestyle="none", marker="o",
                       markersize=9, markerfacecolor="none", markeredgecolor=colour,
                       markeredgewidth=2, zorder=5)
    finite = points[np.all(np.isfinite(points), axis=1)]
    (end,) = ax.plot(finite[-1:, 0], finite[-1:, 1], linestyle="none", marker=kw["marker"],
                     markersize=9, color=colour, markeredgecolor="white", zorder=6)
    return [line, start, end]


def _draw_marks(ax: Axes, marks: list[tuple[str, np.ndarray]]) -> list[Line2D]:
    names = {"minimiser": "global minimiser", "local minimiser": "local minimiser",
             "saddle": "saddle point", "maximum": "maximum"}
    drawn = []
    for kind, points in marks:
        (line,) = ax.plot(points[:, 0], points[:, 1], label=names[kind], zorder=7,
                          **POINT_STYLE[kind])
        drawn.append(line)
    return drawn


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
    value_xy = _objective_xy(objective)
    paths = _path_list(paths)
    names = _labels(labels, len(paths))
    x_range = check_range(x_range if x_range is not None else
                           getattr(objective, "x_range", (-3.0, 3.0)), "x_range")
    y_range = check_range(y_range if y_range is not None else
                           getattr(objective, "y_range", (-3.0, 3.0)), "y_range")
    checked_marks = _mark_list(marks)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.3)
    contours = draw_contours(value_xy, x_range, y_range, ax=ax, levels=levels, labels=False)
    first_index = check_integer(first_index, "first_index", minimum=0)
    drawn = [draw_path(ax, path, index=first_index + i, label=name)
             for i, (path, name) in enumerate(zip(paths, names))]
    mark_artists = _draw_marks(ax, checked_marks)
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


def _values(path: Any, objective: Any | None) -> np.ndarray:
    if isinstance(path, Trajectory) and path.values is not None:
        return np.asarray(path.values, dtype=float)
    if objective is None:
        raise ValueError("the paths carry no values (run gradient_descent with f=...): pass "
                         "objective=... to evaluate them")
    function = objective.value if hasattr(objective, "value") else objective
    with np.errstate(all="ignore"):
        return np.atleast_1d(np.asarray(function(_path_points(path)), dtype=float))


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
    paths = _path_list(paths)
    names = _labels(labels, len(paths))
    minimum = float(check_real_number(minimum, "minimum"))
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.0)
    gaps = []
    for path in paths:
        gap = _values(path, objective) - minimum
        with np.errstate(all="ignore"):
            gaps.append(np.where(np.isfinite(gap), np.maximum(gap, ERROR_FLOOR), np.nan))
    lines = _per_step_lines(ax, gaps, names, "f(x_k) − f*", title)
    top = max([ERROR_FLOOR] + [float(np.nanmax(g)) for g in gaps if np.any(np.isfinite(g))])
    ax.set_ylim(top=min(10 * top, 1e12))
    return lines


def _per_step_lines(ax: Axes, series: Sequence[np.ndarray], names: Sequence[str], ylabel: str,
                    title: str | None) -> list[Line2D]:
    """One line per series against the step k, on a logarithmic axis, with a legend."""
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
    paths = _path_list(paths)
    names = _labels(labels, len(paths))
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.0)
    for i, path in enumerate(paths):
        if not isinstance(path, Trajectory):
            raise TypeError(f"paths[{i}] must be a Trajectory (it records the step sizes), got "
                            f"{type(path).__name__}")
    return _per_step_lines(ax, [path.step_sizes for path in paths], names, "step size γ_k",
                           title)


#: Widest static figure, as a fraction of the style's default width (9 in = 900 px at the
#: kit's 100 dpi): a notebook shows about 930 px, so a wider figure is shrunk and its text
#: with it.
MAX_WIDTH_RATIO = 1.0


def _panel_grid(count: int) -> tuple[Figure, np.ndarray]:
    """``count`` panels within the notebook's width: one row up to three panels, else two
    rows (the axes in reading order; unused cells of the grid removed)."""
    rows = 1 if count <= 3 else 2
    cols = math.ceil(count / rows)
    width = MAX_WIDTH_RATIO if cols >= 3 else min(MAX_WIDTH_RATIO, 0.38 * cols + 0.1)
    fig, axes = new_figure(rows, cols, width_ratio=width, height_ratio=1.05 if rows == 1 else 1.6)
    for ax in axes[count:]:
        ax.remove()
    return fig, axes[:count]


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
    paths = _path_list(paths)
    titles = _labels(titles, len(paths), "titles")
    count = len(paths) + (minimum is not None)
    fig, axes = _panel_grid(count)
    handles = []
    for i, (path, title) in enumerate(zip(paths, titles)):
        drawn = plot_paths(objective, [path], x_range=x_range, y_range=y_range, ax=axes[i],
                           marks=marks, title=title, legend=False, first_index=i)
        handles = drawn["marks"] or handles
    if minimum is not None:
        plot_value_history(paths, titles, minimum=minimum, objective=objective, ax=axes[-1],
                           title="f(x_k) − f*")
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                   fontsize="small")
    if suptitle:
        fig.suptitle(suptitle)
    return fig


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
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError("runs must be a non-empty dict {label: Trajectory}")
    labels = [str(k) for k in runs]
    if isinstance(dots, str) or not isinstance(dots, Sequence) or \
            any(d not in labels for d in dots):
        raise ValueError(f"dots must be a list of labels of runs ({labels}), got {dots!r}")
    paths = list(runs.values())
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
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
               fontsize="small")
    if suptitle:
        fig.suptitle(suptitle)
    return fig


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
    points = check_array(list(minimisers), "minimisers").reshape(-1)
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
    if not isinstance(xlabel, str):
        raise TypeError(f"xlabel must be a string (the name of the variable), got "
                        f"{type(xlabel).__name__}")
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
    if isinstance(panels, Mapping) or not isinstance(panels, Sequence) or not panels:
        raise TypeError("panels must be a non-empty list of dicts of plot_minimisers arguments")
    fig, axes = new_figure(1, len(panels), width_ratio=min(1.4, 0.5 * len(panels)),
                           height_ratio=1.0)
    for ax, panel in zip(axes, panels):
        plot_minimisers(ax=ax, **panel)
    return fig


# ------------------------------------------------------------------------- saddles ----

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
    extent = float(check_real_number(extent, "extent", positive=True))
    epsilon = float(check_real_number(epsilon, "epsilon", positive=True))
    rows = len(functions)
    fig = Figure(figsize=style.figure_size(MAX_WIDTH_RATIO, 0.95 * rows), layout="constrained")
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
        ticks = [-math.floor(extent), 0.0, math.floor(extent)] if extent >= 1 else \
            [-extent, 0.0, extent]
        surface_ax.set_xticks(ticks)
        surface_ax.set_yticks(ticks)
        surface_ax.zaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
        surface_ax.tick_params(labelsize="small", pad=1)
        surface_ax.set_xlabel("x₁", labelpad=-2)
        surface_ax.set_ylabel("x₂", labelpad=-2)   # f is named in the title (a z label
        surface_ax.set_title(title, fontsize="medium")  # would sit on the x₂ label)
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
    runs = _path_list(runs, "runs")
    starts_array = check_array(list(starts), "starts", shape=(len(runs),))
    if np.any(starts_array <= 0):
        raise ValueError("starts must be the positive values x2(0) of the runs")
    near = check_array(list(steps_near), "steps_near", shape=(len(runs),))
    radius = float(check_real_number(radius, "radius", positive=True))
    growth = float(check_real_number(growth, "growth", positive=True))
    if growth <= 1:
        raise ValueError(f"growth must be > 1 (the per-step factor of the unstable coordinate), "
                         f"got {growth:g}")
    fig, axes = new_figure(1, 3, width_ratio=MAX_WIDTH_RATIO, height_ratio=1.05)
    labels = [f"x₂(0) = {s:.0e}" for s in starts_array]
    window = float(check_real_number(window, "window", positive=True))
    plot_paths(objective, runs, labels, x_range=(-window, window), y_range=(-window, window),
               ax=axes[0], marks={"saddle": [(0.0, 0.0)]}, title="paths", legend=False)
    angle = np.linspace(0, 2 * np.pi, 200)
    axes[0].plot(radius * np.cos(angle), radius * np.sin(angle), label=f"‖x‖ < {radius:g}",
                 **{k: v for k, v in style.role_style("reference").items() if k != "marker"},
                 linewidth=2)
    for i, run in enumerate(runs):
        with np.errstate(all="ignore"):
            distance = np.linalg.norm(_path_points(run), axis=1)
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
    if not hasattr(objective, "gradient") or not hasattr(objective, "value"):
        raise TypeError("objective must have value and gradient methods (a Quadratic or a "
                        f"Landscape), got {type(objective).__name__}")
    step = float(check_real_number(step, "step", positive=True))
    values = check_array(list(momenta), "momenta", ndim=1)
    if not 1 <= values.size <= 6 or np.any(values < 0) or np.any(values >= 1):
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
    fig, axes = _panel_grid(count)
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
    fig.suptitle(f"the same start and step γ = {step:.3g}, different momentum α")
    return fig


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
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError("runs must be a non-empty dict {label: Trajectory}")
    rows = ["| method | status | steps | f evaluations | ∇f evaluations | "
            "final error ‖x_k − x*‖ |", "|---|---|---:|---:|---:|---:|"]
    for label, run in runs.items():
        if not isinstance(run, Trajectory):
            raise TypeError(f"runs[{label!r}] must be a Trajectory, got {type(run).__name__}")
        error = float(run.distances(minimizer)[-1])
        rows.append(f"| {label} | {run.status} | {run.n_steps} | {run.n_function_evaluations} | "
                    f"{run.n_gradient_evaluations} | {error:.2g} |")
    return "\n".join(rows)
