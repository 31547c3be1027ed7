"""Drawing helpers (layer 2): small functions and views that take layer-1 results and draw.

Every helper takes an optional ``ax`` and returns the artists it made. The *views*
(:class:`SecantView`, :class:`TaylorView`) draw once and then move their artists with
``update(...)``, which is what the explorers of :mod:`lecture_utils.widgets` call on a slider
move; the static small multiples (:func:`secant_small_multiples`,
:func:`taylor_small_multiples`) draw the same views for a few fixed settings, for readers
without a kernel (GitHub, nbviewer, a PDF).

Figures are made with :class:`matplotlib.figure.Figure`, not ``pyplot``: they do not depend on
the notebook's backend and are never shown twice.

Examples
--------
>>> import numpy as np
>>> fig, (ax,) = new_figure()
>>> line = curve(ax, np.linspace(0, 1, 5), np.linspace(0, 1, 5), role="function")
>>> line.get_linestyle()
'-'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from . import style
from ._validation import check_array, check_callable, check_integer, check_real_number
from .style import styled

#: Errors below this are drawn at this value on log axes (log 0 is undefined).
ERROR_FLOOR = 1e-17


def show_figures_as_png() -> bool:
    """Make IPython show a returned :class:`Figure` as a PNG image (what ``%matplotlib inline`` does).

    The figures of this package are made without ``pyplot``, so the notebook's backend never
    registers them; this registers the PNG formatter for them once, at import. Returns
    ``False`` outside IPython.
    """
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import print_figure
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["image/png"]
    formatter.for_type(Figure, lambda figure: print_figure(figure, "png"))
    return True


show_figures_as_png()


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
    fig = Figure(figsize=style.figure_size(width_ratio, height_ratio), layout=layout)
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
    low, high = np.percentile(finite, [1, 99]) if finite.size > 50 else (finite.min(), finite.max())
    span = max(high - low, 1e-9)
    return (float(low - margin * span), float(high + margin * span))


# ----------------------------------------------------------------------------- secant ----

@dataclass
class SecantView:
    """The graph of f with the secant through x and x + δx and the tangent at x.

    Draw it once with :meth:`draw`; move it with :meth:`update` (only artist data changes).
    """

    f: Callable[[Any], Any]
    dfdx: Callable[[Any], Any]
    xs: np.ndarray
    ax: Axes
    artists: dict[str, Any] | None = None

    @classmethod
    def draw(cls, f: Callable[[Any], Any], dfdx: Callable[[Any], Any], x: float, dx: float,
             x_range: tuple[float, float] = (-2.5, 2.5), ax: Axes | None = None,
             show_info: bool = True) -> "SecantView":
        """Draw f, the secant and the tangent on ``ax`` (a new figure if ``None``)."""
        with style.context():
            if ax is None:
                _, (ax,) = new_figure()
            xs = np.linspace(*x_range, 400)
            view = cls(f, dfdx, xs, ax)
            fx = evaluate_quietly(f, xs)
            curve(ax, xs, fx, "function", label="f(x)")
            view.artists = {
                "secant": curve(ax, xs, fx, "secant", label="secant", markevery=[]),
                "tangent": curve(ax, xs, fx, "tangent", label="tangent at x"),
                "points": marker(ax, [x, x + dx], [0.0, 0.0], "secant", label="(x, f(x)), (x+δx, f(x+δx))"),
                "info": info_box(ax) if show_info else None,
            }
            ax.set_ylim(*y_limits(fx, margin=0.3))
            ax.set_xlim(*x_range)
            ax.set_xlabel("x")
            ax.legend(loc="lower right")
            view.update(x, dx)
            return view

    @property
    def moving_artists(self) -> list[Any]:
        """The artists that :meth:`update` changes (an explorer redraws only these)."""
        assert self.artists is not None
        return [a for a in self.artists.values() if a is not None]

    def update(self, x: float, dx: float) -> tuple[float, float]:
        """Move the secant to (x, x + δx) and the tangent to x; return (δy/δx, f'(x))."""
        assert self.artists is not None
        with np.errstate(all="ignore"):
            fx, fxdx = float(self.f(x)), float(self.f(x + dx))
            slope_secant = (fxdx - fx) / dx
            slope_tangent = float(self.dfdx(x))
        self.artists["secant"].set_ydata(fx + slope_secant * (self.xs - x))
        self.artists["tangent"].set_ydata(fx + slope_tangent * (self.xs - x))
        self.artists["points"].set_data([x, x + dx], [fx, fxdx])
        if self.artists["info"] is not None:
            self.artists["info"].set_text(
                f"δx        = {dx:.4g}\n"
                f"δy/δx     = {slope_secant: .6f}\n"
                f"f'(x)     = {slope_tangent: .6f}\n"
                f"|δy/δx − f'| = {abs(slope_secant - slope_tangent):.2e}")
        return slope_secant, slope_tangent


@styled
def secant_small_multiples(f: Callable[[Any], Any], dfdx: Callable[[Any], Any], x: float,
                           steps: Sequence[float] = (2.0, 1.0, 0.5, 0.1),
                           x_range: tuple[float, float] = (-2.5, 2.5)) -> Figure:
    """Static counterpart of the secant explorer: one panel per δx, the secant approaching the tangent.

    Examples
    --------
    >>> fig = secant_small_multiples(np.sin, np.cos, 0.5, steps=(1.0, 0.1))
    >>> len(fig.axes)
    2
    """
    x = check_real_number(x, "x")
    steps = check_array(steps, "steps", ndim=1)
    fig, axes = new_figure(1, len(steps), height_ratio=1.1, sharey=True)
    for ax, dx in zip(axes, steps):
        view = SecantView.draw(f, dfdx, x, float(dx), x_range=x_range, ax=ax, show_info=False)
        slope, exact = view.update(x, float(dx))
        ax.get_legend().remove()
        ax.set_title(f"δx = {dx:g}\nδy/δx = {slope:.3f}")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), fontsize="small")
    fig.suptitle(f"secant through x = {x:g} and x + δx; tangent slope f'(x) = {exact:.3f}")
    return fig


# ----------------------------------------------------------------------------- Taylor ----

@dataclass
class TaylorView:
    """f and its Taylor polynomial T_n on one axes, the error |f − T_n| on a log axis.

    The caller supplies the coefficients (computed once per function and expansion point);
    :meth:`update` evaluates a prefix of them, so an order change costs one Horner sweep.
    """

    xs: np.ndarray
    fx: np.ndarray
    ax: Axes
    ax_error: Axes | None
    artists: dict[str, Any]

    @classmethod
    def draw(cls, xs: np.ndarray, fx: np.ndarray, ax: Axes | None = None,
             ax_error: Axes | None = None, label: str = "f(x)") -> "TaylorView":
        """Draw f; the polynomial and error curves start empty until :meth:`update`."""
        with style.context():
            if ax is None:
                _, (ax,) = new_figure()
            artists = {
                "function": curve(ax, xs, fx, "function", label=label),
                "polynomial": curve(ax, xs, np.full_like(xs, np.nan), "approximation",
                                    label="Taylor polynomial Tₙ(x)"),
                "x0": marker(ax, [0.0], [0.0], "point", label="expansion point x₀"),
            }
            ax.set_ylim(*y_limits(fx, margin=0.35))
            ax.set_xlim(xs[0], xs[-1])
            ax.set_xlabel("x")
            ax.legend(loc="upper right")
            if ax_error is not None:
                artists["error"] = curve(ax_error, xs, np.full_like(xs, np.nan), "error",
                                         label="|f(x) − Tₙ(x)|")
                artists["error_x0"] = ax_error.axvline(0.0, **style.role_style("reference"))
                ax_error.set_yscale("log")
                ax_error.set_ylim(1e-16, 1e3)
                ax_error.set_xlim(xs[0], xs[-1])
                ax_error.set_xlabel("x")
                ax_error.set_title("error |f − Tₙ| (log scale)")
            return cls(xs, fx, ax, ax_error, artists)

    @property
    def moving_artists(self) -> list[Any]:
        """The artists that :meth:`update` changes (an explorer redraws only these)."""
        names = ["polynomial", "x0", "error", "error_x0"]
        return [self.artists[name] for name in names if name in self.artists]

    def set_function(self, fx: np.ndarray, label: str = "f(x)") -> None:
        """Show another function (new values on the same grid) and rescale the y axis."""
        self.fx = fx
        self.artists["function"].set_ydata(fx)
        self.artists["function"].set_label(label)
        self.ax.set_ylim(*y_limits(fx, margin=0.35))
        self.ax.legend(loc="upper right")

    def update(self, coefficients: np.ndarray, x0: float) -> float:
        """Show T_n for ``coefficients`` (c_0..c_n) at ``x0``; return max |f − T_n| on the grid."""
        from .taylor import evaluate_taylor

        with np.errstate(all="ignore"):
            polynomial = evaluate_taylor(coefficients, x0, self.xs)
            error = np.abs(self.fx - polynomial)
        self.artists["polynomial"].set_ydata(polynomial)
        self.artists["x0"].set_data([x0], [coefficients[0]])
        if self.ax_error is not None:
            self.artists["error"].set_ydata(np.maximum(error, ERROR_FLOOR))
            self.artists["error_x0"].set_xdata([x0, x0])
        finite = error[np.isfinite(error)]
        return float(finite.max()) if finite.size else float("nan")


def _subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


@styled
def taylor_small_multiples(f: Any, x0: float = 0.0, orders: Sequence[int] = (1, 3, 5, 9),
                           x_range: tuple[float, float] = (-4.0, 4.0),
                           radius: float | None = None, label: str | None = None) -> Figure:
    """Static counterpart of the Taylor explorer: one panel per order, all errors below.

    Parameters
    ----------
    f : sympy.Expr or str
        The function (a string is parsed with :func:`lecture_utils.parse_function`).
    x0 : float
        Expansion point.
    orders : sequence of int
        The polynomial orders to show, one panel each.
    x_range : (float, float)
        Interval drawn.
    radius : float, optional
        Radius of convergence; the interval (x0 − r, x0 + r) is shaded.
    label : str, optional
        Name of f in the legend (default: the expression).

    Examples
    --------
    >>> fig = taylor_small_multiples("sin(x) + cos(x)", 0.0, orders=(1, 3))
    >>> len(fig.axes)
    3
    """
    from .symbolic import as_expression, to_numpy_function
    from .taylor import evaluate_taylor, taylor_coefficients

    expression = as_expression(f)
    x0 = check_real_number(x0, "x0")
    orders = [int(n) for n in orders]
    coefficients = taylor_coefficients(expression, x0, max(orders))
    xs = np.linspace(*x_range, 400)
    fx = evaluate_quietly(to_numpy_function(expression), xs)
    fig = Figure(figsize=style.figure_size(1.0, 1.75), layout="constrained")
    mosaic = [[str(i) for i in range(len(orders))], ["error"] * len(orders)]
    panels = fig.subplot_mosaic(mosaic, height_ratios=[1.0, 0.9], sharex=True)
    error_ax = panels["error"]
    for index, order in enumerate(orders):
        ax = panels[str(index)]
        view = TaylorView.draw(xs, fx, ax=ax, label=label or f"f(x) = {expression_text(expression)}")
        view.update(coefficients[: order + 1], x0)
        ax.get_legend().remove()
        ax.set_title(f"order n = {order}")
        if index:
            ax.tick_params(labelleft=False)
        with np.errstate(all="ignore"):
            error = np.abs(fx - evaluate_taylor(coefficients[: order + 1], x0, xs))
        curve(error_ax, xs, np.maximum(error, ERROR_FLOOR), label=f"n = {order}",
              role="function", **series_kwargs(index))
    error_ax.set_yscale("log")
    error_ax.set_ylim(1e-16, 1e3)
    error_ax.set_ylabel("|f − Tₙ| (log scale)")
    error_ax.set_xlabel("x")
    error_ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    for ax in panels.values():
        if radius is not None:
            ax.axvspan(x0 - radius, x0 + radius, color=style.PALETTE["sky_blue"], alpha=0.18,
                       label="interval of convergence")
    handles, labels = panels["0"].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside upper center", ncols=len(labels), fontsize="small")
    return fig


def series_kwargs(index: int) -> dict[str, Any]:
    """Style of the ``index``-th curve of a family, as keyword arguments for :func:`curve`."""
    return style.series_style(index)


# ------------------------------------------------------------------- finite differences ----

@styled
def plot_step_errors(steps: Any, errors: Mapping[str, Any], ax: Axes | None = None,
                     reference_orders: Sequence[int] = (1, 2)) -> Axes:
    """Log-log plot of the error of finite-difference derivatives against the step h.

    ``errors`` maps a method name (``"forward"``, ``"central"``, ``"complex-step"``) to the
    absolute errors at ``steps``. Grey reference lines of slope 1 and 2 show the truncation
    orders O(h) and O(h²).

    Examples
    --------
    >>> h = np.logspace(-8, -1, 8)
    >>> ax = plot_step_errors(h, {"forward": h, "central": h**2})
    >>> ax.get_xscale()
    'log'
    """
    steps = check_array(steps, "steps", ndim=1)
    if ax is None:
        _, (ax,) = new_figure(height_ratio=1.2, width_ratio=0.8)
    for name, values in errors.items():
        values = np.maximum(np.asarray(values, dtype=float), ERROR_FLOOR)
        curve(ax, steps, values, role=name if name in style.ROLES else "function",
              label=name)
    segment = np.array([steps[-1] * 1e-4, steps[-1]])
    for order in reference_orders:
        ax.plot(segment, 10.0 * (segment / segment[-1]) ** order,
                **{**style.role_style("reference"), "linewidth": 1.5},
                label=f"slope {order}: O(h{'²' if order == 2 else ''})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step h")
    ax.set_ylabel("|approximation − f'(x)|")
    ax.set_ylim(1e-18, 1e1)
    ax.legend(loc="lower left", fontsize="small")
    return ax


# ------------------------------------------------------------------------------ mind map ----

#: Concepts of the lecture: name -> (x, y, notebook). Drawn by :func:`draw_mind_map`.
MIND_MAP_NODES: dict[str, tuple[float, float, str]] = {
    "Difference quotient": (0.08, 0.80, "01"),
    "Derivative": (0.08, 0.50, "01"),
    "Taylor series": (0.08, 0.18, "02"),
    "Partial derivatives\n& gradient": (0.36, 0.50, "03"),
    "Chain rule": (0.36, 0.80, "03"),
    "Jacobian": (0.62, 0.80, "04"),
    "Gradient identities": (0.62, 0.62, "05"),
    "Backpropagation": (0.88, 0.80, "06"),
    "Hessian": (0.62, 0.38, "07"),
    "Multivariate Taylor": (0.36, 0.18, "07"),
    "Gradient descent": (0.88, 0.50, "08"),
    "Step sizes, minima,\nsaddles, momentum": (0.88, 0.18, "09"),
}

#: Relations between concepts: (from, to, label).
MIND_MAP_EDGES: tuple[tuple[str, str, str], ...] = (
    ("Difference quotient", "Derivative", "limit δx → 0"),
    ("Derivative", "Taylor series", "f⁽ᵏ⁾(x₀)/k!"),
    ("Derivative", "Partial derivatives\n& gradient", "one variable at a time"),
    ("Partial derivatives\n& gradient", "Chain rule", ""),
    ("Chain rule", "Jacobian", "vector-valued f"),
    ("Jacobian", "Backpropagation", "layer by layer"),
    ("Jacobian", "Gradient identities", ""),
    ("Partial derivatives\n& gradient", "Hessian", "second order"),
    ("Hessian", "Multivariate Taylor", ""),
    ("Taylor series", "Multivariate Taylor", "many variables"),
    ("Partial derivatives\n& gradient", "Gradient descent", "−∇f"),
    ("Backpropagation", "Gradient descent", "train a network"),
    ("Gradient descent", "Step sizes, minima,\nsaddles, momentum", "challenges"),
    ("Hessian", "Step sizes, minima,\nsaddles, momentum", "curvature"),
)


@styled
def draw_mind_map(ax: Axes | None = None) -> Axes:
    """The lecture's mind map: concepts as boxes (with their notebook), relations as arrows.

    The slides' figure was lost in the OCR; this redraws it from the chapter's structure
    (*Mathematics for Machine Learning*, Fig. 5.2) with the notebooks of this kit.

    Examples
    --------
    >>> ax = draw_mind_map()
    >>> len(ax.texts) >= len(MIND_MAP_NODES)
    True
    """
    if ax is None:
        _, (ax,) = new_figure(height_ratio=1.6, width_ratio=1.2)
    calculus = style.PALETTE["sky_blue"]
    optimisation = style.PALETTE["orange"]
    boxes = {}
    for name, (x, y, notebook) in MIND_MAP_NODES.items():
        colour = optimisation if notebook in ("08", "09") else calculus
        boxes[name] = ax.text(x, y, f"{name}\n[notebook {notebook}]", ha="center", va="center",
                              fontsize="medium", zorder=3,
                              bbox={"boxstyle": "round,pad=0.5", "facecolor": colour,
                                    "alpha": 0.35, "edgecolor": "black", "linewidth": 1.2})
    for start, end, label in MIND_MAP_EDGES:
        (x1, y1, _), (x2, y2, _) = MIND_MAP_NODES[start], MIND_MAP_NODES[end]
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), zorder=4,
                    arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.4,
                                "mutation_scale": 16,
                                "patchA": boxes[start].get_bbox_patch(),
                                "patchB": boxes[end].get_bbox_patch(),
                                "shrinkA": 3, "shrinkB": 3})
        if label:
            ax.text((x1 + x2) / 2, (y1 + y2) / 2, label, ha="center", va="center",
                    fontsize="small", style="italic", zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.9})
    ax.set_xlim(-0.05, 1.02)
    ax.set_ylim(0.05, 0.93)
    ax.axis("off")
    ax.set_title("Calculus concepts (blue) and optimisation basics (orange)")
    return ax


# ------------------------------------------------------------- gradients on contour plots ----

#: The colormap of contour lines: cividis (readable with colour-vision deficiencies), without
#: its palest yellow end, which would vanish on a white background.
CONTOUR_CMAP = "cividis"
_CONTOUR_SPAN = (0.0, 0.82)

#: How the gradient-field drawings look: colour, line style and marker all carry meaning.
GRADIENT_STYLE: dict[str, dict[str, Any]] = {
    "gradient": {"color": style.PALETTE["black"]},
    "directional": {"color": style.PALETTE["vermillion"]},
    "tangent": {"color": style.PALETTE["green"], "linestyle": "--", "linewidth": 2.6},
    "direction": {"color": style.PALETTE["vermillion"], "linestyle": (0, (1, 2)), "linewidth": 1.6},
    "point": {"color": style.PALETTE["black"], "marker": "o", "markersize": 8,
              "markeredgecolor": "white", "markeredgewidth": 1.5, "linestyle": "none"},
}


def _check_range(value: Any, name: str) -> tuple[float, float]:
    array = check_array(value, name, shape=(2,))
    if not array[0] < array[1]:
        raise ValueError(f"{name} must be an interval (low, high) with low < high, "
                         f"got {tuple(array.tolist())}")
    return float(array[0]), float(array[1])


def _check_point(value: Any, name: str = "point") -> tuple[float, float]:
    array = check_array(value, name, shape=(2,))
    return float(array[0]), float(array[1])


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


def contour_levels(values: np.ndarray, count: int = 12) -> np.ndarray:
    """Contour levels at evenly spaced quantiles of the finite ``values`` (2 significant digits).

    Quantiles, not equal steps: a steep valley gets as many lines near its floor as on its walls.

    Examples
    --------
    >>> contour_levels(np.linspace(0.0, 1.0, 101), count=5).tolist()
    [0.02, 0.26, 0.5, 0.74, 0.98]
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.array([])
    raw = np.quantile(finite, np.linspace(0.02, 0.98, count))
    return np.unique([float(f"{v:.2g}") for v in raw])


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
    x_range, y_range = _check_range(x_range, "x_range"), _check_range(y_range, "y_range")
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
    texts = ax.clabel(contours, fontsize="x-small", fmt=lambda v: f"{v:g}",
                      inline_spacing=2) if labels else []
    return [contours, *texts]


def _unit_arrows(G1: np.ndarray, G2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(all="ignore"):
        norm = np.hypot(G1, G2)
        norm = np.where(norm > 0, norm, np.nan)
        return G1 / norm, G2 / norm


@styled
def draw_vector_field(gradient: Callable[[Any, Any], tuple[Any, Any]],
                      x_range: tuple[float, float] = (-3.0, 3.0),
                      y_range: tuple[float, float] = (-3.0, 3.0), *, ax: Axes | None = None,
                      density: int = 13, normalise: bool = True, **kwargs: Any) -> Any:
    """Arrows of a vector field, e.g. the gradient of f, on a ``density`` × ``density`` grid.

    With ``normalise`` every arrow has the same length (only the direction is shown, so
    steep and flat regions are equally readable); NaN and zero vectors draw nothing.

    Returns
    -------
    matplotlib.quiver.Quiver

    Examples
    --------
    >>> q = draw_vector_field(lambda a, b: (2 * a, 4 * b), density=5)
    >>> q.N
    25
    """
    check_callable(gradient, "gradient")
    x_range, y_range = _check_range(x_range, "x_range"), _check_range(y_range, "y_range")
    density = check_integer(density, "density", minimum=2, maximum=100)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.6, height_ratio=1.35)
    X1, X2 = np.meshgrid(np.linspace(*x_range, density), np.linspace(*y_range, density))
    with np.errstate(all="ignore"):
        G1, G2 = (np.asarray(g, dtype=float) * np.ones_like(X1) for g in gradient(X1, X2))
    if normalise:
        G1, G2 = _unit_arrows(G1, G2)
        length = 0.6 * min(x_range[1] - x_range[0], y_range[1] - y_range[0]) / (density - 1)
        G1, G2 = G1 * length, G2 * length
    G1 = np.ma.masked_invalid(G1)
    G2 = np.ma.masked_invalid(G2)
    options = {"color": style.PALETTE["grey"], "angles": "xy", "scale_units": "xy", "scale": 1,
               "width": 0.004, "zorder": 2, **kwargs}
    return ax.quiver(X1, X2, G1, G2, **options)


def gradient_function(expression: Any, variables: Sequence[str] = ("x1", "x2")
                      ) -> Callable[..., tuple[np.ndarray, ...]]:
    """The symbolic gradient of ``expression`` (``sympy.diff`` per variable), vectorised.

    Computed once; calling the result only evaluates the partial derivatives.

    Examples
    --------
    >>> g = gradient_function("x1^2 + 2*x2^2")
    >>> [float(v) for v in g(1.0, 0.5)]
    [2.0, 2.0]
    """
    import sympy

    from .symbolic import as_expression, to_numpy_function

    expression = as_expression(expression, tuple(variables))
    partials = [to_numpy_function(sympy.diff(expression, sympy.Symbol(v)), tuple(variables))
                for v in variables]

    def evaluate(*args: Any) -> tuple[np.ndarray, ...]:
        return tuple(partial(*args) for partial in partials)

    return evaluate


@dataclass(frozen=True)
class GradientAtPoint:
    """What the gradient-field view shows at one point (all as plain floats)."""

    point: tuple[float, float]
    value: float
    gradient: np.ndarray          # the row vector ∇f(x), shape (1, 2)
    direction: np.ndarray         # u = (cos θ, sin θ), shape (2,)
    directional: float            # ∇f(x) · u
    tangent: np.ndarray           # unit vector along the contour line (NaN if ∇f = 0)

    @property
    def defined(self) -> bool:
        """Whether f and ∇f are finite at the point."""
        return bool(np.isfinite(self.value) and np.all(np.isfinite(self.gradient)))


def _angle_direction(angle: float) -> np.ndarray:
    radians = np.deg2rad(angle)
    return np.array([np.cos(radians), np.sin(radians)])


def _arrow(ax: Axes, colour: str, width: float) -> Any:
    return ax.quiver([0.0], [0.0], [0.0], [0.0], color=colour, angles="xy", scale_units="xy",
                     scale=1, width=width, minlength=0, zorder=6)


@dataclass
class GradientFieldView:
    """Contour lines of f(x1, x2) with, at one point, the gradient, the contour's tangent and
    the directional derivative along u = (cos θ, sin θ).

    :meth:`draw` draws the contours once; :meth:`update` only moves the point, the arrows and
    the tangent segment (what an explorer redraws on a slider move). Arrow lengths are the
    vectors times :attr:`scale` (one scale per function, capped at 25 % of the plot), so the
    gradient and the directional-derivative arrow can be compared.
    """

    f: Callable[[Any, Any], Any]
    gradient: Callable[[Any, Any], tuple[Any, Any]]
    ax: Axes
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    scale: float
    artists: dict[str, Any]
    show_direction: bool = True

    @classmethod
    def draw(cls, f: Callable[[Any, Any], Any], gradient: Callable[[Any, Any], tuple[Any, Any]],
             point: Sequence[float] = (1.0, 0.5), angle: float = 0.0,
             x_range: tuple[float, float] = (-3.0, 3.0), y_range: tuple[float, float] = (-3.0, 3.0),
             ax: Axes | None = None, show_direction: bool = True, legend: bool = True,
             title: str | None = None) -> "GradientFieldView":
        """Draw the contours of f and the arrows at ``point`` on ``ax`` (a new figure if ``None``)."""
        with style.context():
            if ax is None:
                _, (ax,) = new_figure(width_ratio=0.95, height_ratio=1.4)
            x_range, y_range = _check_range(x_range, "x_range"), _check_range(y_range, "y_range")
            draw_contours(f, x_range, y_range, ax=ax)
            _, _, G1 = grid_values(lambda a, b: np.hypot(*gradient(a, b)), x_range, y_range, 41)
            finite = G1[np.isfinite(G1)]
            typical = float(np.percentile(finite, 25)) if finite.size else 0.0
            span = min(x_range[1] - x_range[0], y_range[1] - y_range[0])
            scale = 0.15 * span / typical if typical > 0 else 1.0
            artists = {
                "tangent": ax.plot([], [], zorder=4, **GRADIENT_STYLE["tangent"])[0],
                "gradient": _arrow(ax, GRADIENT_STYLE["gradient"]["color"], 0.011),
                "point": ax.plot([], [], zorder=7, **GRADIENT_STYLE["point"])[0],
            }
            if show_direction:
                artists["direction"] = ax.plot([], [], zorder=3, **GRADIENT_STYLE["direction"])[0]
                artists["directional"] = _arrow(ax, GRADIENT_STYLE["directional"]["color"], 0.008)
            plane_axes(ax, x_range, y_range)
            if title:
                ax.set_title(title)
            view = cls(f, gradient, ax, x_range, y_range, scale, artists, show_direction)
            if legend:
                ax.legend(handles=view.legend_handles(), loc="upper left",
                          bbox_to_anchor=(1.03, 1.0), borderaxespad=0.0, fontsize="small")
            view.update(point, angle)
            return view

    def legend_handles(self) -> list[Any]:
        """Proxy artists that explain the drawing (for ``ax.legend`` or ``fig.legend``)."""
        handles = [
            Line2D([], [], label=f"gradient ∇f (arrow ×{self.scale:.2g})", linewidth=3,
                   marker=">", markersize=8, **GRADIENT_STYLE["gradient"]),
            Line2D([], [], label="contour tangent", **GRADIENT_STYLE["tangent"]),
            Line2D([], [], label="point x", **GRADIENT_STYLE["point"]),
        ]
        if self.show_direction:
            handles += [
                Line2D([], [], label="u = (cos θ, sin θ)", **GRADIENT_STYLE["direction"]),
                Line2D([], [], label="(∇f·u) u", linewidth=2,
                       marker=">", markersize=7, **GRADIENT_STYLE["directional"]),
            ]
        return handles

    @property
    def moving_artists(self) -> list[Any]:
        """The artists that :meth:`update` changes (an explorer redraws only these)."""
        return list(self.artists.values())

    @property
    def span(self) -> float:
        return min(self.x_range[1] - self.x_range[0], self.y_range[1] - self.y_range[0])

    def arrow_factor(self, gradient: np.ndarray) -> float:
        """Drawn arrow = factor × vector: :attr:`scale`, less where the gradient arrow would
        be longer than 25 % of the plot (both arrows shrink alike, so one stays the
        projection of the other)."""
        norm = float(np.hypot(*np.ravel(gradient)))
        cap = 0.25 * self.span
        return min(self.scale, cap / norm) if norm > 0 else self.scale

    def evaluate(self, point: Sequence[float], angle: float) -> GradientAtPoint:
        """Value, gradient, directional derivative and contour tangent at ``point`` (no drawing)."""
        x1, x2 = float(point[0]), float(point[1])
        with np.errstate(all="ignore"):
            value = float(self.f(x1, x2))
            gradient = np.array([[float(g) for g in self.gradient(x1, x2)]])
            u = _angle_direction(angle)
            directional = float(gradient[0] @ u)
            norm = float(np.hypot(*gradient[0]))
        if np.isfinite(norm) and norm > 1e-12:
            tangent = np.array([-gradient[0, 1], gradient[0, 0]]) / norm
        else:
            tangent = np.array([np.nan, np.nan])
        return GradientAtPoint((x1, x2), value, gradient, u, directional, tangent)

    def update(self, point: Sequence[float], angle: float = 0.0) -> GradientAtPoint:
        """Move the point, the arrows and the tangent segment; return what is shown."""
        state = self.evaluate(point, angle)
        x1, x2 = state.point
        a = self.artists
        a["point"].set_data([x1], [x2])
        ok = state.defined
        a["gradient"].set_offsets([[x1, x2]])
        factor = self.arrow_factor(state.gradient) if ok else 0.0
        if ok:
            a["gradient"].set_UVC(*(factor * state.gradient[0]))
        a["gradient"].set_visible(ok)
        half = 0.13 * self.span
        t = state.tangent if ok else np.array([np.nan, np.nan])
        a["tangent"].set_data([x1 - half * t[0], x1 + half * t[0]], [x2 - half * t[1], x2 + half * t[1]])
        if self.show_direction:
            u = state.direction
            reach = 0.3 * self.span
            a["direction"].set_data([x1, x1 + reach * u[0]], [x2, x2 + reach * u[1]])
            a["directional"].set_offsets([[x1, x2]])
            if ok:
                a["directional"].set_UVC(*(factor * state.directional * u))
            a["directional"].set_visible(ok)
        return state


def _vector_text(values: Any, digits: int = 3) -> str:
    return "[" + ", ".join(f"{v + 0.0:.{digits}g}" for v in np.ravel(values)) + "]"


@styled
def gradient_field_small_multiples(f: Any, points: Sequence[Sequence[float]] = (
        (1.0, 0.5), (-1.5, 1.0), (-2.0, -1.0), (1.5, -1.8)),
        x_range: tuple[float, float] = (-3.0, 3.0), y_range: tuple[float, float] = (-3.0, 3.0),
        field: bool = True) -> Figure:
    """Static counterpart of the gradient-field explorer.

    Left panel: the contour lines of f with, at each of ``points``, the gradient arrow and the
    tangent of the contour line through it (the gradient is orthogonal to it). Right panel
    (``field=True``): the direction of ∇f on a grid, over the same contours.

    Parameters
    ----------
    f : str or sympy.Expr
        Function of x1 and x2.
    points : sequence of (x1, x2)
        Where to draw the gradient (1 to 8 points).
    x_range, y_range : (float, float)
        The rectangle drawn.
    field : bool
        Add the panel with the normalised gradient field.

    Examples
    --------
    >>> fig = gradient_field_small_multiples("x1^2 + 2*x2^2", points=[(1, 0.5)])
    >>> len(fig.axes)
    2
    """
    from .symbolic import as_expression, to_numpy_function

    expression = as_expression(f, ("x1", "x2"))
    checked = [_check_point(p, f"points[{i}]") for i, p in enumerate(_point_list(points))]
    if not 1 <= len(checked) <= 8:
        raise ValueError(f"points must hold 1 to 8 points (x1, x2), got {len(checked)}")
    x_range, y_range = _check_range(x_range, "x_range"), _check_range(y_range, "y_range")
    function = to_numpy_function(expression, ("x1", "x2"))
    gradient = gradient_function(expression)
    ncols = 2 if field else 1
    fig, axes = new_figure(1, ncols, width_ratio=1.0 if field else 0.6, height_ratio=1.35)
    view = GradientFieldView.draw(function, gradient, checked[0], 0.0, x_range, y_range,
                                  ax=axes[0], show_direction=False, legend=False)
    for artist in view.moving_artists:
        artist.remove()
    for index, point in enumerate(checked):
        extra = GradientFieldView(function, gradient, axes[0], x_range, y_range, view.scale, {
            "tangent": axes[0].plot([], [], zorder=4, **GRADIENT_STYLE["tangent"])[0],
            "gradient": _arrow(axes[0], GRADIENT_STYLE["gradient"]["color"], 0.011),
            "point": axes[0].plot([], [], zorder=7, **GRADIENT_STYLE["point"])[0],
        }, show_direction=False)
        state = extra.update(point)
        text = f"∇f = {_vector_text(state.gradient)}" if state.defined else "∇f undefined"
        axes[0].annotate(text, point, xytext=(6, -14), textcoords="offset points",
                         fontsize="x-small", zorder=8,
                         bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                               "edgecolor": "none", "alpha": 0.85})
    axes[0].set_title("∇f ⊥ contour line at each point")
    if field:
        ax = axes[1]
        draw_contours(function, x_range, y_range, ax=ax, labels=False)
        draw_vector_field(gradient, x_range, y_range, ax=ax)
        plane_axes(ax)
        ax.set_title("direction of ∇f (equal lengths)")
    handles = view.legend_handles()
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize="small")
    fig.suptitle(f"f(x₁, x₂) = {expression_text(expression)}")
    return fig


def _point_list(points: Any) -> list[Any]:
    if isinstance(points, (str, bytes)) or not hasattr(points, "__iter__"):
        raise TypeError(f"points must be a sequence of points (x1, x2), got "
                        f"{type(points).__name__} {points!r}")
    return list(points)


# ----------------------------------------------------------------- chain rule along a curve ----

@styled
def plot_derivative_check(t: Any, exact: Any, approximation: Any, *, ax: Axes | None = None,
                          exact_label: str = "exact derivative",
                          approximation_label: str = "finite difference",
                          xlabel: str = "t", title: str | None = None) -> Axes:
    """An exact derivative (line) against a numerical one (markers) over a parameter ``t``.

    The title reports the largest absolute difference.

    Examples
    --------
    >>> t = np.linspace(0, 1, 50)
    >>> ax = plot_derivative_check(t, 2 * t, 2 * t + 1e-9)
    >>> "max |difference|" in ax.get_title()
    True
    """
    t = check_array(t, "t", ndim=1)
    exact = check_array(exact, "exact", shape=t.shape)
    approximation = check_array(approximation, "approximation", shape=t.shape)
    if ax is None:
        _, (ax,) = new_figure(width_ratio=0.85, height_ratio=1.0)
    curve(ax, t, exact, "function", label=exact_label)
    curve(ax, t, approximation, "approximation", label=approximation_label,
          linestyle="none", marker="o", markersize=5, markevery=max(1, t.size // 25),
          markerfacecolor="none")
    error = float(np.max(np.abs(exact - approximation)))
    heading = f"max |difference| = {error:.1e}"
    ax.set_title(f"{title}\n{heading}" if title else heading)
    ax.set_xlabel(xlabel)
    ax.set_xlim(t[0], t[-1])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2, fontsize="small")
    return ax
