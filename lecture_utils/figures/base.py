"""Shared drawing helpers (layer 2): figures, plane axes, curves and markers, contour grids.

Figures are made with :class:`matplotlib.figure.Figure`, not ``pyplot``: they do not depend on
the notebook's backend and are never shown twice (how they are made, laid out and turned into
PNGs: :mod:`lecture_utils.figures.rendering`).

Examples
--------
>>> import numpy as np
>>> fig, (ax,) = new_figure()
>>> line = curve(ax, np.linspace(0, 1, 5), np.linspace(0, 1, 5), role="function")
>>> line.get_linestyle()
'-'
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from .. import style
from .._validation import check_array, check_callable, check_integer, gives_numbers, shown
from ..style import styled
from .rendering import agg_figure, lay_out

#: Errors below this are drawn at this value on log axes (log 0 is undefined).
ERROR_FLOOR = 1e-17


#: The most rows or columns of axes a figure may have (a grid beyond this is unreadable).
MAX_GRID = 20


@styled
def new_figure(nrows: int = 1, ncols: int = 1, *, width_ratio: float = 1.0,
               height_ratio: float = 1.0, layout: str | None = "constrained",
               **subplot_kw: Any) -> tuple[Figure, np.ndarray]:
    """A styled figure and a flat array of its axes (made without ``pyplot``).

    Parameters
    ----------
    nrows, ncols : int
        Grid of axes.
    width_ratio, height_ratio : float
        Scale of the style's default figure size.
    layout : str or None
        Matplotlib layout engine (``"constrained"`` by default).
    **subplot_kw
        Passed to :meth:`Figure.subplots` (e.g. ``sharex=True``).

    Examples
    --------
    >>> fig, axes = new_figure(1, 3)
    >>> axes.shape
    (3,)
    """
    nrows = check_integer(nrows, "nrows", minimum=1, maximum=MAX_GRID)
    ncols = check_integer(ncols, "ncols", minimum=1, maximum=MAX_GRID)
    fig = agg_figure(figsize=style.figure_size(width_ratio, height_ratio), layout=layout)
    axes = fig.subplots(nrows, ncols, squeeze=False, **subplot_kw)
    return fig, axes.ravel()


def plane_axes(ax: Axes, x_range: tuple[float, float] | None = None,
               y_range: tuple[float, float] | None = None) -> Axes:
    """Make ``ax`` a picture of the (x₁, x₂) plane: equal scales, labelled axes, no grid.

    Examples
    --------
    >>> _, (ax,) = new_figure()
    >>> [float(v) for v in plane_axes(ax, (-1, 1), (-2, 2)).get_ylim()], ax.get_xlabel()
    ([-2.0, 2.0], 'x₁')
    """
    if x_range is not None:
        ax.set_xlim(*x_range)
    if y_range is not None:
        ax.set_ylim(*y_range)
    ax.set_aspect("equal")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂", rotation=0, labelpad=10)
    ax.grid(False)
    return ax


def curve(ax: Axes, x: Any, y: Any, role: str = "function", label: str | None = None,
          **kwargs: Any) -> Line2D:
    """Draw ``y`` against ``x`` in the style of ``role`` (see :data:`style.ROLES`).

    Markers of a dense curve are thinned to about a dozen so that they identify the curve
    without hiding it.
    """
    kw = {**style.role_style(role), **kwargs}
    if kw.get("marker") and "markevery" not in kw and np.size(x) > 20:
        kw["markevery"] = max(1, np.size(x) // 12)
    (line,) = ax.plot(x, y, label=label, **kw)
    return line


def marker(ax: Axes, x: Any, y: Any, role: str = "point", label: str | None = None,
           **kwargs: Any) -> Line2D:
    """Draw points (no connecting line) in the style of ``role``."""
    kw = {**style.role_style(role), "linestyle": "none", **kwargs}
    kw["marker"] = kw.get("marker") or "o"
    (line,) = ax.plot(np.atleast_1d(x), np.atleast_1d(y), label=label, zorder=5, **kw)
    return line


def info_box(ax: Axes, text: str = "", loc: str = "upper left") -> Text:
    """A text box in a corner of ``ax`` (white background, readable on any theme)."""
    x, ha = (0.02, "left") if "left" in loc else (0.98, "right")
    y, va = (0.97, "top") if "upper" in loc else (0.03, "bottom")
    return ax.text(x, y, text, transform=ax.transAxes, ha=ha, va=va, zorder=10,
                   family="monospace",
                   bbox={"boxstyle": "round,pad=0.35", "facecolor": "white",
                         "edgecolor": "#999999", "alpha": 0.95})


#: Where :func:`place_legend` tries a legend inside the axes, in this order.
LEGEND_CORNERS = ("upper right", "upper left", "lower right", "lower left", "center right",
                  "center left", "upper center", "lower center")


def _drawn_points(ax: Axes) -> np.ndarray:
    """Display coordinates of the data of ``ax``: line vertices (segments sampled every 3 px),
    markers and scatter points."""
    chunks = [np.empty((0, 2))]
    for line in ax.lines:
        if not line.get_visible():
            continue
        xy = line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        chunks.append(xy)
        if line.get_linestyle() not in ("None", "none", "", " ") and len(xy) > 1:
            lengths = np.hypot(*np.diff(xy, axis=0).T)
            for p, q, n in zip(xy[:-1], xy[1:], np.minimum(lengths // 3, 500).astype(int)):
                if n > 1:
                    chunks.append(p + np.linspace(0, 1, n)[:, None] * (q - p))
    for collection in ax.collections:
        offsets = getattr(collection, "get_offsets", lambda: [])()
        if collection.get_visible() and len(offsets) and type(collection).__name__ == "PathCollection":
            chunks.append(collection.get_offset_transform().transform(np.asarray(offsets)))
    return np.vstack(chunks)


def place_legend(ax: Axes, *, corners: tuple[str, ...] = LEGEND_CORNERS, outside: str = "right",
                 relayout: bool = True, **kwargs: Any) -> Any:
    """A legend in the first corner of ``ax`` where it covers no data, else outside the axes.

    ``outside`` is ``"right"`` (beside the axes) or ``"below"`` (under the axis label, for a
    panel of a row that must keep its width).

    The figure is laid out first, so the corners are checked where the axes finally stand
    (with no ``corners`` it is not: the room the tick labels and axis label take under the axes
    does not depend on where the layout puts them); a legend of a figure whose data will move
    (an explorer) belongs outside instead. ``relayout=False`` skips that layout pass (about half
    a second for a figure with log axes) when the figure is as the previous call left it with
    its legend inside (:func:`legend_inside`): only that legend was added since, which moves no
    axes.

    Examples
    --------
    >>> fig, (ax,) = new_figure()
    >>> _ = ax.plot([0, 1], [1, 0], label="falling")      # crosses upper left and lower right
    >>> place_legend(ax)._loc                             # upper right (code 1) is empty
    1
    """
    figure = ax.get_figure()
    renderer = lay_out(figure) if corners and relayout else figure._get_renderer()
    points = _drawn_points(ax)
    for loc in corners:
        legend = ax.legend(loc=loc, **kwargs)
        box = legend.get_window_extent(renderer).padded(2)
        if not np.any((points[:, 0] > box.x0) & (points[:, 0] < box.x1)
                      & (points[:, 1] > box.y0) & (points[:, 1] < box.y1)):
            return legend
    if outside == "below":
        from matplotlib.transforms import ScaledTranslation

        # under the tick numbers and axis label, a distance in inches (kept when the layout
        # engine then shrinks the axes to make room)
        drop = (ax.get_window_extent(renderer).y0 - ax.get_tightbbox(renderer).y0) / figure.dpi
        under = ax.transAxes + ScaledTranslation(0.0, -drop - 0.05, figure.dpi_scale_trans)
        return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=under,
                         borderaxespad=0.0, **kwargs)
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, **kwargs)


def legend_inside(legend: Any) -> bool:
    """Whether ``legend`` (from :func:`place_legend`) sits in a corner inside its axes.

    Examples
    --------
    >>> fig, (ax,) = new_figure()
    >>> _ = ax.plot([0, 1], [0, 1], label="rising")
    >>> legend_inside(place_legend(ax)), legend_inside(place_legend(ax, corners=()))
    (True, False)
    """
    return legend.get_bbox_to_anchor() is legend.axes.bbox


def evaluate_quietly(function: Callable[[np.ndarray], Any], x: np.ndarray) -> np.ndarray:
    """``function(x)`` as a float array, with NaN where it is undefined and no warnings.

    Examples
    --------
    >>> evaluate_quietly(np.log, np.array([1.0, -1.0]))
    array([ 0., nan])
    """
    with np.errstate(all="ignore"):
        values = np.asarray(function(x), dtype=complex)
    real = np.where(np.abs(values.imag) > 1e-12 * (1 + np.abs(values.real)), np.nan, values.real)
    real = np.broadcast_to(real, np.shape(x)).astype(float)
    real[~np.isfinite(real)] = np.nan
    return real


def expression_text(expression: Any) -> str:
    """An expression written as a student would type it (``^`` for powers).

    Examples
    --------
    >>> import sympy as sp
    >>> expression_text(sp.Symbol("x") ** 3 / 3)
    'x^3/3'
    """
    return str(expression).replace("**", "^")


def y_limits(values: np.ndarray, margin: float = 0.15) -> tuple[float, float]:
    """Limits that show the finite part of ``values`` with a margin (robust to poles).

    Examples
    --------
    >>> y_limits(np.array([0.0, 1.0]))
    (-0.15, 1.15)
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (-1.0, 1.0)
    finite = np.clip(finite, -1e300, 1e300)  # the margin must not overflow to inf
    low, high = np.percentile(finite, [1, 99]) if finite.size > 50 else (finite.min(), finite.max())
    # a constant (or nearly) needs a span Matplotlib can resolve at its size: 1e9 ± 1e-9 cannot
    span = max(high - low, 1e-9, 1e-6 * max(abs(low), abs(high)))
    return (float(low - margin * span), float(high + margin * span))


def series_kwargs(index: int) -> dict[str, Any]:
    """Style of the ``index``-th curve of a family, as keyword arguments for :func:`curve`."""
    return style.series_style(index)


#: The colormap of contour lines: cividis (readable with colour-vision deficiencies), without
#: its palest yellow end, which would vanish on a white background.
CONTOUR_CMAP = "cividis"


_CONTOUR_SPAN = (0.0, 0.82)


def check_range(value: Any, name: str) -> tuple[float, float]:
    array = check_array(value, name, shape=(2,))
    if not array[0] < array[1]:
        raise ValueError(f"{name} must be an interval (low, high) with low < high, "
                         f"got {tuple(array.tolist())}")
    return float(array[0]), float(array[1])


def check_point(value: Any, name: str = "point") -> tuple[float, float]:
    array = check_array(value, name, shape=(2,))
    return float(array[0]), float(array[1])


def check_axes(value: Any, name: str = "ax") -> Axes | None:
    """``value`` if it is a Matplotlib ``Axes`` or ``None``; a named ``TypeError`` otherwise."""
    if value is not None and not isinstance(value, Axes):
        raise TypeError(f"{name} must be a Matplotlib Axes (e.g. from new_figure) or None, "
                        f"got {type(value).__name__} {shown(value)}")
    return value


def check_text(value: Any, name: str, *, optional: bool = True) -> str | None:
    """``value`` if it is a ``str`` (or ``None`` when ``optional``); a named ``TypeError`` otherwise."""
    if isinstance(value, str) or (optional and value is None):
        return value
    raise TypeError(f"{name} must be a text (str){' or None' if optional else ''}, "
                    f"got {type(value).__name__} {shown(value)}")


def check_objective(value: Any, name: str = "objective") -> Any:
    """``value`` if it has callable ``value`` and ``gradient`` (a ``Quadratic``, a landscape)."""
    if not (callable(getattr(value, "value", None)) and callable(getattr(value, "gradient", None))):
        raise TypeError(f"{name} must be a Quadratic or a landscape such as ROSENBROCK (an "
                        f"object with value and gradient), got {type(value).__name__} "
                        f"{shown(value)}")
    return value


def grid_values(f: Callable[[Any, Any], Any], x_range: tuple[float, float],
                y_range: tuple[float, float], resolution: int = 161
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``X1, X2, f(X1, X2)`` on a square grid, NaN where f is undefined, without warnings.

    Examples
    --------
    >>> X1, X2, Z = grid_values(lambda a, b: a * b, (0, 1), (0, 2), resolution=3)
    >>> Z[-1].tolist()
    [0.0, 1.0, 2.0]
    """
    X1, X2 = np.meshgrid(np.linspace(*x_range, resolution), np.linspace(*y_range, resolution))
    with np.errstate(all="ignore"):
        Z = np.asarray(f(X1, X2), dtype=float) * np.ones_like(X1)
    Z[~np.isfinite(Z)] = np.nan
    return X1, X2, Z


def round_number(value: float) -> float:
    """``value`` rounded to one significant digit, or a half step (1.5, 2.5, ...): a round number.

    Examples
    --------
    >>> [round_number(v) for v in (0.33, 1.8, 3.2, 0.074, -13.0)]
    [0.3, 2.0, 3.0, 0.07, -15.0]
    """
    if value == 0 or not np.isfinite(value):
        return float(value)
    exponent = np.floor(np.log10(abs(value)))
    mantissa = abs(value) / 10**exponent
    mantissa = np.round(mantissa) if mantissa >= 3 else np.round(2 * mantissa) / 2
    return float(f"{np.sign(value) * mantissa * 10**exponent:.3g}")


def contour_levels(values: np.ndarray, count: int = 12) -> np.ndarray:
    """About ``count`` round contour levels for the finite ``values``.

    Where the values spread evenly (a quadratic bowl), equal round steps (1, 2, 2.5 or 5 ×
    10ᵏ, Matplotlib's ``MaxNLocator``); where they crowd (a steep valley), levels at evenly
    spaced quantiles, each rounded to a round number, so that the floor of the valley gets as
    many lines as its walls. Never 0.33, 1.8, 3.2.

    Examples
    --------
    >>> contour_levels(np.linspace(0.0, 1.0, 101), count=5).tolist()
    [0.2, 0.4, 0.6, 0.8]
    >>> contour_levels(np.geomspace(1e-3, 1e3, 200), count=5).tolist()
    [0.0015, 0.04, 1.0, 30.0, 800.0]
    """
    from matplotlib.ticker import MaxNLocator

    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.array([])
    raw = np.quantile(finite, np.linspace(0.02, 0.98, count))
    low, high = raw[0], raw[-1]
    if not high > low:
        return np.unique(raw)
    gaps = np.diff(raw)
    if gaps.max() <= 4 * max(np.median(gaps), 1e-300):  # spread evenly: equal round steps
        ticks = MaxNLocator(nbins=count, steps=[1, 2, 2.5, 5, 10]).tick_values(low, high)
        chosen = [float(f"{t:.12g}") for t in ticks if low <= t <= high]
    else:
        chosen = [round_number(v) for v in raw]
    return np.unique(np.array(chosen, dtype=float))


@styled
def draw_contours(f: Callable[[Any, Any], Any], x_range: tuple[float, float] = (-3.0, 3.0),
                  y_range: tuple[float, float] = (-3.0, 3.0), *, ax: Axes | None = None,
                  levels: int = 12, resolution: int = 161, labels: bool = True) -> list[Any]:
    """Contour lines of f(x1, x2) (cividis colours, labelled with their values).

    Parameters
    ----------
    f : callable
        Vectorised function of two arrays (e.g. ``to_numpy_function(expr, ("x1", "x2"))``).
    x_range, y_range : (float, float)
        The rectangle drawn (x1 horizontally, x2 vertically).
    ax : Axes, optional
        Where to draw (a new figure if ``None``).
    levels : int
        About this many contour lines, at quantiles of the values.
    resolution : int
        Grid points per axis.
    labels : bool
        Write each line's value on it.

    Returns
    -------
    list
        The contour set first, then the label texts (empty for a constant function).

    Examples
    --------
    >>> artists = draw_contours(lambda a, b: a**2 + b**2)
    >>> type(artists[0]).__name__
    'QuadContourSet'
    """
    check_callable(f, "f")
    x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
    levels = check_integer(levels, "levels", minimum=2, maximum=50)
    resolution = check_integer(resolution, "resolution", minimum=10, maximum=1000)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.6, height_ratio=1.35)
    X1, X2, Z = grid_values(f, x_range, y_range, resolution)
    chosen = contour_levels(Z, levels)
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    if chosen.size < 2:  # constant (or undefined) on the whole rectangle: no lines to draw
        return []
    import matplotlib

    colours = matplotlib.colormaps[CONTOUR_CMAP](np.linspace(*_CONTOUR_SPAN, chosen.size))
    contours = ax.contour(X1, X2, np.ma.masked_invalid(Z), levels=chosen, colors=colours,
                          linewidths=1.2, zorder=1)
    texts = []
    if labels:
        # where Matplotlib would put the labels, without the ones near the frame (they would be
        # cut by it); then those kept, cut into their lines
        trial = ax.clabel(contours, fontsize="x-small", inline=False)
        margin_x, margin_y = 0.06 * (x_range[1] - x_range[0]), 0.06 * (y_range[1] - y_range[0])
        kept = [t.get_position() for t in trial
                if x_range[0] + margin_x <= t.get_position()[0] <= x_range[1] - margin_x
                and y_range[0] + margin_y <= t.get_position()[1] <= y_range[1] - margin_y]
        for text in trial:
            text.remove()
        contours.labelTexts, contours.labelCValues = [], []
        if kept:
            texts = ax.clabel(contours, fontsize="x-small", fmt=lambda v: f"{v:g}",
                              inline_spacing=2, manual=kept)
    return [contours, *texts]


# ------------------------------- descent paths (figures of descent, challenges, momentum) ----

#: Widest static figure, as a fraction of the style's default width (9 in = 900 px): a
#: notebook shows about 930 px, so a wider figure is shrunk and its text with it.
MAX_WIDTH_RATIO = 1.0

#: The look of a single descent path (notebook 08's figures and the descent explorer).
PATH_STYLE: dict[str, Any] = {"color": style.PALETTE["vermillion"], "linestyle": "-",
                              "marker": "o", "markersize": 4.5, "linewidth": 1.6,
                              "markeredgecolor": "white", "markeredgewidth": 0.6}

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
_MARK_NAMES = {"minimiser": "global minimiser", "saddle": "saddle point"}


def objective_xy(objective: Any, name: str = "objective") -> Callable[[Any, Any], np.ndarray]:
    """``f(x1, x2)`` on arrays, from an objective that evaluates points of shape (..., 2).

    The objective is a landscape (its ``value_xy``), anything with ``value(points)`` (a
    ``Quadratic``), or a function of points such as ``lambda p: (p**2).sum(-1)``. A function
    is tried once on a point first, so a wrong one is a ``TypeError`` naming ``name``.
    Evaluated without warnings (NaN where undefined is the caller's to mask).

    Examples
    --------
    >>> f = objective_xy(lambda p: p[..., 0] ** 2 + 2 * p[..., 1] ** 2)
    >>> f(np.array([1.0]), np.array([2.0])).tolist()
    [9.0]
    >>> objective_xy(print)
    Traceback (most recent call last):
    ...
    TypeError: objective must evaluate points of shape (..., 2) to numbers (a Quadratic, a landscape or a function such as lambda p: (p**2).sum(-1)), got builtin_function_or_method <built-in function print>
    """
    value_xy = getattr(objective, "value_xy", None)
    if callable(value_xy) and not isinstance(objective, type):
        return value_xy
    value = getattr(objective, "value", None)
    function = value if callable(value) and not isinstance(objective, type) else objective

    def f(x1: Any, x2: Any) -> np.ndarray:
        with np.errstate(all="ignore"):
            points = np.stack(np.broadcast_arrays(np.asarray(x1, dtype=float),
                                                  np.asarray(x2, dtype=float)), axis=-1)
            return np.asarray(function(points), dtype=float)

    probe = np.stack([np.zeros(2), np.ones(2)], axis=-1)     # two points
    if not gives_numbers(function, probe, ((2,),)):
        raise TypeError(f"{name} must evaluate points of shape (..., 2) to numbers (a Quadratic, "
                        f"a landscape or a function such as lambda p: (p**2).sum(-1)), got "
                        f"{type(objective).__name__} {shown(objective)}")
    return f


def finite_points(points: Any, limit: float = 1e6) -> np.ndarray:
    """The points up to the first one that is not finite or beyond ``limit`` (that one clipped).

    Examples
    --------
    >>> finite_points([[0, 0], [1e9, 1], [np.inf, 0]]).tolist()
    [[0.0, 0.0], [1000000.0, 1.0]]
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    with np.errstate(all="ignore"):
        keep = np.all(np.isfinite(points), axis=1) & (np.max(np.abs(points), axis=1) < limit)
    if keep.all():
        return points
    first = int(np.argmin(keep))
    if np.all(np.isfinite(points[first])):
        return np.vstack([points[:first], np.clip(points[first], -limit, limit)])
    return points[:first]


def path_points(path: Any, name: str = "path") -> np.ndarray:
    """The points of a ``Trajectory`` (or an array) as a float array of shape (k + 1, 2).

    Examples
    --------
    >>> path_points([[0, 0], [1, 2]]).shape
    (2, 2)
    """
    from ..maths.optimize import Trajectory

    try:
        points = check_array(path.points if isinstance(path, Trajectory) else path, name,
                             finite=False)
    except TypeError:
        raise TypeError(f"{name} must be a Trajectory or an array of points of shape (k + 1, 2), "
                        f"got {type(path).__name__} {shown(path)}") from None
    if points.ndim != 2 or points.shape[0] == 0 or points.shape[1] != 2:
        raise ValueError(f"{name} must hold 2-D points, shape (k + 1, 2), got shape "
                         f"{points.shape}")
    return points


def path_list(paths: Any, name: str = "paths", *, maximum: int = 12) -> list[np.ndarray]:
    """``paths`` (a list of 1 to ``maximum`` Trajectory objects or point arrays), checked
    (returned as given: a Trajectory keeps its values and step sizes).

    Examples
    --------
    >>> len(path_list([[[0, 0], [1, 1]]]))
    1
    """
    from ..maths.optimize import Trajectory

    if isinstance(paths, (Trajectory, np.ndarray, str, bytes)) or \
            not isinstance(paths, (list, tuple)):
        raise TypeError(f"{name} must be a list of Trajectory objects (or point arrays), "
                        f"got {type(paths).__name__} {shown(paths)}")
    if not 1 <= len(paths) <= maximum:
        raise ValueError(f"{name} must hold 1 to {maximum} paths, got {len(paths)}")
    for i, path in enumerate(paths):
        path_points(path, f"{name}[{i}]")
    return list(paths)


def text_list(labels: Any, count: int, name: str = "labels", *,
              optional: bool = True) -> list[str | None]:
    """``labels``: a list of ``count`` texts (one per path), or ``None`` (no labels).

    Examples
    --------
    >>> text_list(("a", "b"), 2)
    ['a', 'b']
    """
    if labels is None and optional:
        return [None] * count
    if not isinstance(labels, (list, tuple)) or not all(isinstance(t, str) for t in labels):
        raise TypeError(f"{name} must be a list of {count} strings (one per path), got "
                        f"{type(labels).__name__} {shown(labels)}")
    if len(labels) != count:
        raise ValueError(f"{name} must be a list of {count} strings (one per path), got {len(labels)}")
    return list(labels)


def mark_list(marks: Any, name: str = "marks") -> list[tuple[str, np.ndarray]]:
    """``{"minimiser": [(x1, x2), ...], "saddle": [...]}`` as checked (kind, points) pairs.

    Examples
    --------
    >>> [(kind, p.tolist()) for kind, p in mark_list({"saddle": [(0, 0)]})]
    [('saddle', [[0.0, 0.0]])]
    """
    if marks is None:
        return []
    if not isinstance(marks, dict):
        raise TypeError(f"{name} must be a dict such as {{'minimiser': [(x1, x2)]}} or None, "
                        f"got {type(marks).__name__} {shown(marks)}")
    result = []
    for kind, points in marks.items():
        if kind not in POINT_STYLE:
            options = ", ".join(repr(k) for k in POINT_STYLE)
            raise ValueError(f"{name} keys must be {options}, got {shown(kind)}")
        array = check_array(points, f"{name}[{kind!r}]")
        if array.size > 2 * 1000 or array.size % 2 or (array.ndim and array.shape[-1] != 2):
            raise ValueError(f"{name}[{kind!r}] must be points (x1, x2), got shape "
                             f"{array.shape}")
        result.append((kind, array.reshape(-1, 2)))
    return result


def draw_marks(ax: Axes, marks: list[tuple[str, np.ndarray]]) -> list[Line2D]:
    """The points of :func:`mark_list` in the :data:`POINT_STYLE` of their kind, labelled."""
    return [ax.plot(points[:, 0], points[:, 1], label=_MARK_NAMES.get(kind, kind), zorder=7,
                    **POINT_STYLE[kind])[0] for kind, points in marks]


def draw_path(ax: Axes, path: Any, *, index: int | None = None, label: str | None = None,
              ends: bool = True) -> list[Line2D]:
    """Draw one descent path x_0, x_1, …; the one path drawing of every topic.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    path : Trajectory or array_like, shape (k + 1, 2)
        The points, drawn up to the first one that is not finite or beyond 10⁶ (clipped).
    index : int, optional
        The series style ``index`` (colour, line style, marker; about 25 markers), to tell
        paths apart; ``None``: :data:`PATH_STYLE`, every iterate marked (a lone path).
    label : str, optional
        Legend label of the line.
    ends : bool
        Also mark the start (hollow marker) and the end (filled marker).

    Returns
    -------
    list of Line2D
        The line (move it with ``set_data``), then, with ``ends``, the start and end markers.

    Examples
    --------
    >>> fig, (ax,) = new_figure()
    >>> line, start, end = draw_path(ax, [[0, 0], [1, 1], [2, 1.5]], index=1, label="run")
    >>> line.get_linestyle(), start.get_markerfacecolor()
    ('--', 'none')
    >>> (line,) = draw_path(ax, [[0, 0], [1, 1], [np.inf, 2]], ends=False)
    >>> line.get_xdata().tolist()            # stops before the first non-finite point
    [0.0, 1.0]
    """
    points = finite_points(path_points(path))
    if index is None:
        kw = dict(PATH_STYLE)
    else:
        index = check_integer(index, "index", minimum=0)
        series = style.series_style(index)
        kw = {"color": series["color"], "linestyle": series["linestyle"],
              "marker": series["marker"], "markersize": 4,
              "markevery": max(1, points.shape[0] // 25), "linewidth": 1.6}
    (line,) = ax.plot(points[:, 0], points[:, 1], label=label, zorder=4 + (index is None), **kw)
    if not ends:
        return [line]
    colour = kw["color"]
    (start,) = ax.plot(points[:1, 0], points[:1, 1], linestyle="none", marker="o",
                       markersize=9, markerfacecolor="none", markeredgecolor=colour,
                       markeredgewidth=2, zorder=5)
    (end,) = ax.plot(points[-1:, 0], points[-1:, 1], linestyle="none", marker=kw["marker"],
                     markersize=9, color=colour, markeredgecolor="white", zorder=6)
    return [line, start, end]


def panel_grid(count: int) -> tuple[Figure, np.ndarray]:
    """``count`` panels within the notebook's width: one row up to three panels, else two
    rows (the axes in reading order; unused cells of the grid removed).

    Examples
    --------
    >>> fig, axes = panel_grid(5)
    >>> len(axes), len(fig.axes)
    (5, 5)
    """
    import math

    count = check_integer(count, "count", minimum=1, maximum=MAX_GRID)
    rows = 1 if count <= 3 else 2
    cols = math.ceil(count / rows)
    width = MAX_WIDTH_RATIO if cols >= 3 else min(MAX_WIDTH_RATIO, 0.38 * cols + 0.1)
    fig, axes = new_figure(rows, cols, width_ratio=width, height_ratio=1.05 if rows == 1 else 1.6)
    for ax in axes[count:]:
        ax.remove()
    return fig, axes[:count]


def finish_figure(fig: Figure, handles: Any = (), suptitle: str | None = None, *,
                  fontsize: str = "small", title_size: str | None = None) -> Figure:
    """The last touches of a figure of panels: one legend of ``handles`` under all panels
    (in a row; none when empty) and the ``suptitle`` (when given).

    Examples
    --------
    >>> fig, (ax,) = new_figure()
    >>> finish_figure(fig, ax.plot([0, 1], [0, 1], label="a line"), "all").get_suptitle()
    'all'
    """
    handles = list(handles)
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                   fontsize=fontsize)
    if suptitle:
        fig.suptitle(suptitle, **({"fontsize": title_size} if title_size else {}))
    return fig
