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
from ._validation import check_array, check_real_number
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
