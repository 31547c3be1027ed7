"""Drawings of the multivariate Taylor series (layer 2).

* :func:`draw_outer_power` — δ² of δ ∈ R^D as a matrix, δ³ as D slices (the slides' lost
  figure), values written in the cells;
* :func:`plot_linearization_error` — the error of the linearization against ‖δ‖ on log-log
  axes, with a reference line of slope 2 and the fitted slope;
* :class:`TaylorMapView` — f, T_n and |f − T_n| as three colour maps (images, updated in
  place with ``set_data``: what the explorer of :mod:`lecture_utils.explorers.hessian`
  moves), with the expansion point marked;
* :func:`multivariate_taylor_small_multiples` — the static counterpart: T_0 … T_3 and their
  errors side by side.

f and T_n share one colour scale with discrete levels (so the images read like filled contour
maps, and the same colour means the same value in both); the error uses logarithmic levels (half
decades) from 10⁻⁴ of f's range up to its range. Both scales are fixed per function. Colour maps are
perceptually uniform and colour-blind safe (cividis, magma); the expansion point is a black
disc with a white rim, visible on both.

Examples
--------
>>> drawing = draw_outer_power([1.0, 2.0, -1.0, 0.5], 2)
>>> drawing.texts[1, 2].get_text()
'-2.00'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D

from .. import style
from .._text import subscript
from .._validation import check_integer, check_sequence
from ..maths.multivariate_taylor import LinearizationErrors, MultivariateTaylor, outer_power
from .base import check_axes, check_range, new_figure
from ..style import styled
from .jacobians import MatrixDrawing, TensorDrawing, draw_matrix, draw_tensor_slices

__all__ = [
    "ERROR_CMAP",
    "VALUE_CMAP",
    "TaylorMapView",
    "draw_outer_power",
    "error_norm",
    "multivariate_taylor_small_multiples",
    "plot_linearization_error",
    "taylor_grids",
    "value_norm",
]

#: Colour map of f and T_n (sequential, colour-blind safe).
VALUE_CMAP = "cividis"
#: Colour map of |f − T_n| (sequential; light = small error).
ERROR_CMAP = "magma_r"
#: The error map spans [ERROR_DECADES below f's range, f's range] on a log scale.
ERROR_DECADES = 4


# ==================================================================== δ^k pictures ====

def draw_outer_power(delta: Any, k: int, ax: Axes | Sequence[Axes] | None = None, *,
                     decimals: int = 2) -> MatrixDrawing | TensorDrawing:
    """δ^k for k = 1, 2 or 3: δ as a column, δ² = δδᵀ as a matrix, δ³ as D slices.

    Entry [i, j] of δ² is δ[i]·δ[j]; slice ``δ³[:, :, l]`` is δ[l]·δ². One symmetric,
    diverging colour scale per picture (white is 0); every value is written in its cell.

    Parameters
    ----------
    delta : array_like
        The vector δ ∈ R^D.
    k : {1, 2, 3}
        The power.
    ax : Axes or sequence of Axes, optional
        One axes (k = 1, 2) or D axes (k = 3); a new figure if ``None``.
    decimals : int
        Digits written in the cells.

    Returns
    -------
    MatrixDrawing or TensorDrawing
        From :func:`lecture_utils.figures.jacobians.draw_matrix` (k = 1, 2) or
        :func:`~lecture_utils.figures.jacobians.draw_tensor_slices` (k = 3).

    Examples
    --------
    >>> d = draw_outer_power([1.0, 2.0, 3.0, 4.0], 3)
    >>> len(d.axes), d.axes[3].get_title(), d.texts[1, 2, 3].get_text()    # 2·3·4
    (4, 'δ³[:, :, 4]', '24.00')
    >>> draw_outer_power([1.0, 2.0], 4)
    Traceback (most recent call last):
    ...
    ValueError: k must be an integer from 1 to 3, got 4
    """
    k = check_integer(k, "k", minimum=1, maximum=3)
    if k < 3:
        check_axes(ax)
    values = outer_power(delta, k)
    n = values.shape[0]
    if not 1 <= n <= 12:
        raise ValueError(f"delta must have 1 to 12 entries (one row of the picture each), got {n}")
    names = [f"δ{subscript(i + 1)}" for i in range(n)]
    if k == 1:
        return draw_matrix(values.reshape(n, 1), ax, title="δ", row_labels=names,
                           column_labels=[""], decimals=decimals)
    if k == 2:
        return draw_matrix(values, ax, title="δ² = δ ⊗ δ = δδᵀ", row_labels=names,
                           column_labels=names, decimals=decimals)
    if ax is None:   # a plain grid (no layout engine: much faster to draw with 4·D² numbers)
        figure, ax = new_figure(1, n, width_ratio=min(1.0, 0.12 + n * (0.06 + 0.045 * n)),
                                height_ratio=min(1.6, 0.3 + 0.11 * n), layout=None)
        figure.subplots_adjust(left=0.04, right=0.99, top=0.76, bottom=0.02, wspace=0.25)
    return draw_tensor_slices(values, ax, labels=[f"δ³[:, :, {l + 1}]" for l in range(n)],
                              row_labels=names, column_labels=names, decimals=decimals,
                              title="δ³ = δ ⊗ δ ⊗ δ: slice l is δ[l] · δ²")


# ============================================================== linearization error ====

@styled
def plot_linearization_error(study: LinearizationErrors, ax: Axes | None = None, *,
                             title: str | None = None) -> dict[str, Any]:
    """The linearization error against ‖δ‖ on log-log axes, with slope-1 and slope-2 guides.

    Parameters
    ----------
    study : LinearizationErrors
        From :func:`lecture_utils.maths.multivariate_taylor.linearization_errors`.
    ax : Axes, optional
        Where to draw (a new figure if ``None``).
    title : str, optional
        The title (default: the fitted slope).

    Returns
    -------
    dict of str to Artist
        ``"errors"`` (markers and line), ``"slope2"`` (C‖δ‖², dashed), ``"slope1"``
        (‖δ‖, dotted: what an error of first order would look like).

    Examples
    --------
    >>> import numpy as np
    >>> from lecture_utils.maths.multivariate_taylor import linearization_errors
    >>> s = linearization_errors(lambda v: v @ v, [2.0, 0.0], (1.0, 0.0), (1.0, 1.0),
    ...                          np.logspace(-3, -1, 5))
    >>> sorted(plot_linearization_error(s))
    ['errors', 'slope1', 'slope2']
    """
    if not isinstance(study, LinearizationErrors):
        raise TypeError(f"study must be the result of linearization_errors(...), got "
                        f"{type(study).__name__}")
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a Matplotlib Axes (e.g. from new_figure) or None, got "
                        f"{type(ax).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a text (str) or None, got {type(title).__name__}")
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.7, height_ratio=1.05)
    r, e = study.radii, study.errors
    anchor = float(np.median(study.ratios))
    artists = {
        "errors": ax.loglog(r, e, **{**style.role_style("error"), "marker": "o"},
                            label="|f(x₀ + δ) − f(x₀) − ∇f(x₀)δ|")[0],
        "slope2": ax.loglog(r, anchor * r**2, **style.role_style("approximation"),
                            label=f"{anchor:.3g}·‖δ‖²  (slope 2)")[0],
        "slope1": ax.loglog(r, anchor * r[-1] * r, **style.role_style("reference"),
                            label="∝ ‖δ‖  (slope 1, for comparison)")[0],
    }
    ax.set_xlabel("‖δ‖ = ‖x − x₀‖")
    ax.set_ylabel("error of the linearization")
    ax.set_title(title or f"fitted slope {study.slope:.3f}: the error shrinks as ‖δ‖²")
    ax.legend(loc="upper left")
    return artists


# ======================================================================= colour maps ====

def value_norm(values: Any, levels: int = 16) -> BoundaryNorm:
    """Discrete colour levels for f and T_n: evenly spaced over f's 1–99 % quantiles.

    Values outside get the end colours (``extend="both"``), so a wild T_n far from x0 shows
    as saturated rather than changing the scale.

    Examples
    --------
    >>> norm = value_norm(np.linspace(0.0, 1.0, 101), levels=5)
    >>> norm.boundaries.round(3).tolist()
    [0.01, 0.255, 0.5, 0.745, 0.99]
    """
    array = np.asarray(values, dtype=float)
    finite = array[np.isfinite(array)]
    levels = check_integer(levels, "levels", minimum=3, maximum=64)
    low, high = (np.quantile(finite, [0.01, 0.99]) if finite.size else (-1.0, 1.0))
    if not high > low:   # a constant: widen by an amount that survives rounding (1e16 + 1 == 1e16)
        pad = max(1.0, 1e-6 * abs(float(low)))
        low, high = low - pad, high + pad
    boundaries = np.linspace(low, high, levels)
    return BoundaryNorm(boundaries, matplotlib.colormaps[VALUE_CMAP].N, extend="both")


def _span(norm: BoundaryNorm) -> float:
    return float(norm.boundaries[-1] - norm.boundaries[0])


def error_norm(values: Any) -> BoundaryNorm:
    """The colour levels of |f − T_n|: half decades from 10⁻⁴ of f's range up to the range.

    Logarithmic and discrete, like the value levels: the error map reads as a filled contour
    map of log |f − T_n| (each band is a factor √10), and errors below the lowest level (an
    exact T_n) get the lightest colour.

    Examples
    --------
    >>> norm = error_norm(np.linspace(0.0, 100.0, 101))
    >>> round(norm.vmin, 6), round(norm.vmax, 6), len(norm.boundaries)
    (0.0098, 98.0, 9)
    """
    span = _span(value_norm(values))
    boundaries = span * 10.0 ** np.arange(-ERROR_DECADES, 0.25, 0.5)
    return BoundaryNorm(boundaries, matplotlib.colormaps[ERROR_CMAP].N, extend="both")


def _error_image(error: np.ndarray, norm: BoundaryNorm) -> np.ndarray:
    """The error ready for a log scale: zeros and tiny values at the bottom colour, NaN kept."""
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(error), np.nan, np.maximum(error, norm.vmin))


def _image(ax: Axes, values: np.ndarray, extent: tuple[float, float, float, float],
           cmap: str, norm: Any) -> AxesImage:
    colours = matplotlib.colormaps[cmap].with_extremes(bad="#dddddd")   # undefined: grey
    return ax.imshow(values, origin="lower", extent=extent, cmap=colours, norm=norm,
                     interpolation="nearest", aspect="equal")


def _rgba(values: np.ndarray, cmap: str, norm: Any) -> np.ndarray:
    """Colours of ``values`` as an RGBA uint8 image (NaN: the grey of undefined values).

    An explorer puts these into its images: an RGBA image skips the colour mapping at draw
    time, which halves the time to paint it.
    """
    colours = matplotlib.colormaps[cmap].with_extremes(bad="#dddddd")
    return colours(norm(np.ma.masked_invalid(values)), bytes=True)


def _point_marker(ax: Axes) -> Line2D:
    return ax.plot([], [], linestyle="none", marker="o", markersize=8, color="black",
                   markeredgecolor="white", markeredgewidth=1.6, zorder=5)[0]


def _order_title(order: int) -> str:
    return f"T{subscript(order)}"


def _error_title(order: int) -> str:
    return f"|f − T{subscript(order)}|"


def _finish_axes(ax: Axes, x_range: tuple[float, float], y_range: tuple[float, float],
                 variables: Sequence[str]) -> None:
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    ax.set_xlabel(variables[0])
    ax.set_ylabel(variables[1], rotation=0, labelpad=8)
    ax.grid(False)


# ===================================================================== the map view ====

@dataclass
class TaylorMapView:
    """f, T_n and |f − T_n| side by side, with the expansion point marked.

    :meth:`draw` paints the three images once (f never changes); :meth:`update` puts new
    arrays into the T_n and error images (``set_data``) and moves the markers and titles.
    :attr:`moving_artists` is what an explorer blits.
    """

    axes: list[Axes]
    images: dict[str, AxesImage]
    artists: dict[str, Any]
    value_norm: BoundaryNorm
    error_norm: BoundaryNorm
    colorbars: list[Any] = field(default_factory=list)
    scales: dict[str, ScalarMappable] = field(default_factory=dict)

    @property
    def figure(self) -> Figure:
        return self.axes[0].figure

    @property
    def moving_artists(self) -> list[Any]:
        """The artists :meth:`update` changes."""
        return [self.images["taylor"], self.images["error"], *self.artists.values()]

    @classmethod
    @styled
    def draw(cls, f_grid: Any, x_range: tuple[float, float], y_range: tuple[float, float],
             axes: Sequence[Axes] | None = None, *, variables: Sequence[str] = ("x", "y"),
             title: str = "f", colorbars: bool = True) -> "TaylorMapView":
        """Draw f (and empty T_n and error images) on three axes (a new figure if ``None``)."""
        raw = np.asarray(f_grid, dtype=float)
        if raw.ndim != 2:
            raise ValueError(f"f_grid must be a 2-dimensional array (f on the grid), got shape "
                             f"{raw.shape}")
        x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
        if axes is None:
            _, axes = new_figure(1, 3, height_ratio=1.0)
        axes = list(axes)
        if len(axes) != 3:
            raise ValueError(f"axes must hold 3 Axes (f, T_n, |f − T_n|), got {len(axes)}")
        vnorm, enorm = value_norm(raw), error_norm(raw)
        extent = (*x_range, *y_range)
        images = {
            "f": _image(axes[0], raw, extent, VALUE_CMAP, vnorm),
            "taylor": axes[1].imshow(_rgba(raw, VALUE_CMAP, vnorm), origin="lower",
                                     extent=extent, interpolation="nearest", aspect="equal"),
            "error": axes[2].imshow(_rgba(np.full_like(raw, enorm.vmin), ERROR_CMAP, enorm),
                                    origin="lower", extent=extent, interpolation="nearest",
                                    aspect="equal"),
        }
        scales = {"taylor": ScalarMappable(vnorm, VALUE_CMAP),
                  "error": ScalarMappable(enorm, ERROR_CMAP)}
        axes[0].set_title(title, fontsize="medium")
        artists: dict[str, Any] = {}
        for name, ax in zip(("f", "taylor", "error"), axes):
            _finish_axes(ax, x_range, y_range, variables)
            artists[f"point_{name}"] = _point_marker(ax)
        for ax in axes[1:]:      # same rectangle as f: its y ticks say it
            ax.set_ylabel("")
            ax.tick_params(labelleft=False)
        artists["title_taylor"] = axes[1].set_title(_order_title(0))
        artists["title_error"] = axes[2].set_title(_error_title(0))
        view = cls(axes, images, artists, vnorm, enorm, scales=scales)
        if colorbars:
            figure = axes[0].figure
            view.colorbars = [   # in insets right of the panels: the panels keep their size
                figure.colorbar(scales["taylor"], cax=axes[1].inset_axes([1.04, 0.0, 0.05, 1.0]),
                                ticks=vnorm.boundaries[::3], format="%.3g"),
                figure.colorbar(scales["error"], cax=axes[2].inset_axes([1.04, 0.0, 0.05, 1.0]),
                                ticks=enorm.boundaries[::2], format="%.2g", label="log scale"),
            ]
        return view

    def set_function(self, f_grid: Any, title: str) -> None:
        """A new function: new f image and new (fixed) colour scales."""
        raw = np.asarray(f_grid, dtype=float)
        self.value_norm, self.error_norm = value_norm(raw), error_norm(raw)
        self.images["f"].set_norm(self.value_norm)
        self.scales["taylor"].set_norm(self.value_norm)
        self.scales["error"].set_norm(self.error_norm)
        self.images["f"].set_data(raw)
        self.axes[0].set_title(title)
        for bar, name in zip(self.colorbars, ("taylor", "error")):
            bar.update_normal(self.scales[name])
        if self.colorbars:
            self.colorbars[0].set_ticks(self.value_norm.boundaries[::3])
            self.colorbars[1].set_ticks(self.error_norm.boundaries[::2])

    def update(self, taylor_grid: Any, error_grid: Any, x0: Sequence[float],
               order: int) -> None:
        """Show T_order and |f − T_order| (arrays on the grid) and mark x0."""
        self.taylor_values = np.asarray(taylor_grid, dtype=float)
        self.error_values = _error_image(np.asarray(error_grid, dtype=float), self.error_norm)
        self.images["taylor"].set_data(_rgba(self.taylor_values, VALUE_CMAP, self.value_norm))
        self.images["error"].set_data(_rgba(self.error_values, ERROR_CMAP, self.error_norm))
        for name in ("f", "taylor", "error"):
            self.artists[f"point_{name}"].set_data([x0[0]], [x0[1]])
        self.artists["title_taylor"].set_text(_order_title(order))
        self.artists["title_error"].set_text(_error_title(order))


# ============================================================== the static counterpart ====

def taylor_grids(taylor: MultivariateTaylor, x0: Sequence[float], x_range: tuple[float, float],
                 y_range: tuple[float, float], resolution: int = 121
                 ) -> tuple[np.ndarray, np.ndarray]:
    """f on the grid, and T_0 … T_max on it (shape (max_order + 1, R, R)).

    Examples
    --------
    >>> f, T = taylor_grids(MultivariateTaylor("x*y"), (0.0, 0.0), (-1, 1), (-1, 1), 11)
    >>> f.shape, T.shape, bool(np.allclose(T[2], f))
    ((11, 11), (4, 11, 11), True)
    """
    from ..maths.parser import to_numpy_function

    resolution = check_integer(resolution, "resolution", minimum=10, maximum=1000)
    X, Y = np.meshgrid(np.linspace(*x_range, resolution), np.linspace(*y_range, resolution))
    f = to_numpy_function(taylor.expression, taylor.variables)(X, Y)
    f[~np.isfinite(f)] = np.nan
    with np.errstate(all="ignore"):
        partial_sums = np.cumsum(taylor.term_grids(x0, X, Y), axis=0)
    return f, partial_sums


@styled
def multivariate_taylor_small_multiples(f: Any, x0: Sequence[float] = (1.0, 2.0),
                                        orders: Sequence[int] = (0, 1, 2, 3), *,
                                        variables: Sequence[str] = ("x", "y"),
                                        x_range: tuple[float, float] = (-3.0, 3.0),
                                        y_range: tuple[float, float] = (-3.0, 3.0),
                                        resolution: int = 121) -> Figure:
    """The explorer's picture for several orders: f, T_n for each order, and |f − T_n|.

    Top row: f, then T_n for each order (one colour scale); bottom row: |f − T_n| (log
    scale), under its T_n. The expansion point is the black disc.

    Parameters
    ----------
    f : sympy.Expr or str
        The function of ``variables``.
    x0 : (float, float)
        The expansion point.
    orders : sequence of int
        Orders from 0 to 3 (at most 5 of them).
    variables : (str, str)
        The two variable names.
    x_range, y_range : (float, float)
        The rectangle drawn.
    resolution : int
        Grid points per axis.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = multivariate_taylor_small_multiples("x^2 + 2*x*y + y^3", (1.0, 2.0), (1, 3))
    >>> [ax.get_title() for ax in fig.axes[:3]]
    ['f(x, y) = x^2 + 2*x*y + y^3', 'T₁', 'T₃']
    """
    from .base import expression_text

    orders = [check_integer(o, "orders", minimum=0, maximum=3)
              for o in check_sequence(orders, "orders", minimum=1, maximum=5, what="orders")]
    taylor = MultivariateTaylor(f, variables, max_order=max(orders))
    point = taylor.point(x0)
    x_range, y_range = check_range(x_range, "x_range"), check_range(y_range, "y_range")
    f_grid, partial = taylor_grids(taylor, point, x_range, y_range, resolution)
    if np.nanmax(np.abs(f_grid), initial=0.0) > 1e150:
        raise ValueError("f must stay below 1e150 in absolute value on the drawn region (its "
                         "colour scale), choose another f or smaller ranges")
    vnorm, enorm = value_norm(f_grid), error_norm(f_grid)
    columns = len(orders) + 1
    figure, axes = new_figure(2, columns, width_ratio=min(0.96, 0.28 * columns),
                              height_ratio=1.45, layout=None)
    figure.subplots_adjust(left=0.055, right=0.97, top=0.93, bottom=0.08, wspace=0.12,
                           hspace=0.25)
    extent = (*x_range, *y_range)
    top, bottom = axes[:columns], axes[columns:]
    image = _image(top[0], f_grid, extent, VALUE_CMAP, vnorm)
    top[0].set_title(f"f({', '.join(variables)}) = {expression_text(taylor.expression)}",
                     fontsize="small")
    error_image = None
    for ax, order in zip(top[1:], orders):
        _image(ax, partial[order], extent, VALUE_CMAP, vnorm)
        ax.set_title(f"T{subscript(order)}")
    for ax, order in zip(bottom[1:], orders):
        with np.errstate(invalid="ignore"):
            error = np.abs(f_grid - partial[order])
        error_image = _image(ax, _error_image(error, enorm), extent, ERROR_CMAP, enorm)
        ax.set_title(f"|f − T{subscript(order)}|")
    for index, ax in enumerate([*top, *bottom[1:]]):
        _finish_axes(ax, x_range, y_range, variables)
        ax.locator_params(nbins=4)
        if index not in (0, columns):          # inner panels: same axes as their neighbours
            ax.set_ylabel("")
            ax.tick_params(labelleft=False)
        if 0 < index < columns:
            ax.set_xlabel("")
            ax.tick_params(labelbottom=False)
        marker = _point_marker(ax)
        marker.set_data([point[0]], [point[1]])
    bottom[0].axis("off")
    bottom[0].text(0.0, 0.5, f"expansion point\n(x₀, y₀) = ({point[0]:g}, {point[1]:g}),\n"
                             "black disc.\n\nTop: values (one\ncolour scale).\nBottom: "
                             "errors\n(log scale).", transform=bottom[0].transAxes,
                   va="center", fontsize="small")
    figure.colorbar(image, ax=list(top), shrink=0.85, pad=0.015, fraction=0.03,
                    ticks=vnorm.boundaries[::3], format="%.3g")
    figure.colorbar(error_image, ax=list(bottom), shrink=0.85, pad=0.015, fraction=0.03,
                    ticks=enorm.boundaries[::2], format="%.2g")
    return figure
