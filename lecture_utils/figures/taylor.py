"""Drawings for notebook 02 (Taylor series): the Taylor view (f, T_n and the error) and its small
multiples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .. import style
from .._validation import check_integer, check_real_number, check_sequence
from ..style import styled
from .base import (
    check_range, check_text,
    curve,
    evaluate_quietly,
    expression_text,
    marker,
    new_figure,
    series_kwargs,
    y_limits,
)
from .rendering import agg_figure


#: Errors |f − T_n| below this fraction of max(1, max |f|) are rounding noise (a few ε·|f|
#: from evaluating f and T_n in floating point), not truncation error: they are drawn on a
#: flat floor at that level instead of as a jagged band.
ROUNDING_LEVEL = 1e-14


def rounding_floor(fx: np.ndarray) -> float:
    """The level below which an error |f − T_n| is drawn flat: 1e-14·max(1, max |f|).

    Examples
    --------
    >>> rounding_floor(np.array([0.5, -3.0, np.nan]))
    3e-14
    """
    finite = np.abs(fx[np.isfinite(fx)])
    return ROUNDING_LEVEL * max(1.0, float(finite.max()) if finite.size else 1.0)


def _floor_errors(error: np.ndarray, floor: float) -> np.ndarray:
    """``error`` with everything below ``floor`` (rounding noise) set to ``floor``."""
    return np.where(np.isnan(error), np.nan, np.maximum(error, floor))


#: The gid of the note under the rounding floor (moved with it).
FLOOR_NOTE = "rounding-floor-note"


def _draw_floor(ax: Axes, floor: float) -> Any:
    """The rounding floor as a thin grey line, and the y range that shows it."""
    ax.set_ylim(floor / 10, 1e3)
    ax.text(0.01, floor / 2.5, "rounding level: smaller errors are drawn on this line",
            transform=ax.get_yaxis_transform(), fontsize="x-small", va="top",
            color=style.PALETTE["grey"], gid=FLOOR_NOTE)
    return ax.axhline(floor, color=style.PALETTE["grey"], linewidth=0.8, alpha=0.7,
                      label="_rounding level")


def value_limits(fx: np.ndarray) -> tuple[float, float]:
    """y limits for the graph of f: :func:`y_limits` with a margin, and for a constant c
    (up to rounding) c ± max(1, |c|/2), not a window of a few rounding errors.

    Examples
    --------
    >>> value_limits(np.full(5, 7.0)), value_limits(np.full(5, 1e-300))
    ((3.5, 10.5), (-1.0, 1.0))
    >>> value_limits(np.array([0.0, 1.0]))
    (-0.35, 1.35)
    """
    finite = fx[np.isfinite(fx)]
    if finite.size:
        c = float(np.clip(np.median(finite), -1e300, 1e300))
        if np.ptp(finite) <= 1e-9 * max(1.0, abs(c)):
            half = max(1.0, abs(c) / 2)
            return (c - half, c + half)
    return y_limits(fx, margin=0.35)


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
            ax.set_ylim(*value_limits(fx))
            ax.set_xlim(xs[0], xs[-1])
            ax.set_xlabel("x")
            ax.legend(loc="upper right")
            if ax_error is not None:
                artists["error"] = curve(ax_error, xs, np.full_like(xs, np.nan), "error",
                                         label="|f(x) − Tₙ(x)|")
                artists["error_x0"] = ax_error.axvline(0.0, **style.role_style("reference"))
                ax_error.set_yscale("log")
                artists["floor"] = _draw_floor(ax_error, rounding_floor(fx))
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
        self.ax.set_ylim(*value_limits(fx))
        self.ax.legend(loc="upper right")
        if self.ax_error is not None:
            floor = rounding_floor(fx)
            self.artists["floor"].set_ydata([floor, floor])
            self.ax_error.set_ylim(floor / 10, 1e3)
            for text in self.ax_error.texts:  # the floor's note goes with it
                if text.get_gid() == FLOOR_NOTE:
                    text.set_y(floor / 2.5)

    def update(self, coefficients: np.ndarray, x0: float) -> float:
        """Show T_n for ``coefficients`` (c_0..c_n) at ``x0``; return max |f − T_n| on the grid."""
        from ..maths.taylor import evaluate_taylor

        with np.errstate(all="ignore"):
            polynomial = evaluate_taylor(coefficients, x0, self.xs)
            error = np.abs(self.fx - polynomial)
        self.artists["polynomial"].set_ydata(polynomial)
        self.artists["x0"].set_data([x0], [coefficients[0]])
        if self.ax_error is not None:
            self.artists["error"].set_ydata(_floor_errors(error, rounding_floor(self.fx)))
            self.artists["error_x0"].set_xdata([x0, x0])
        finite = error[np.isfinite(error)]
        return float(finite.max()) if finite.size else float("nan")


@styled
def taylor_small_multiples(f: Any, x0: float = 0.0, orders: Sequence[int] = (1, 3, 5, 9),
                           x_range: tuple[float, float] = (-4.0, 4.0),
                           radius: float | None = None, label: str | None = None) -> Figure:
    """Static counterpart of the Taylor explorer: one panel per order, all errors below.

    Errors below the rounding level :func:`rounding_floor` (1e-14·max(1, max |f|)) are drawn
    on a flat floor, marked by a thin grey line.

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
    from ..maths.parser import as_expression, to_numpy_function
    from ..maths.taylor import MAX_ORDER, evaluate_taylor, taylor_coefficients

    expression = as_expression(f)
    x0 = check_real_number(x0, "x0")
    orders = [check_integer(n, "orders", minimum=0, maximum=MAX_ORDER)
              for n in check_sequence(orders, "orders", minimum=1, maximum=8, what="orders")]
    x_range = check_range(x_range, "x_range")
    radius = None if radius is None else check_real_number(radius, "radius", positive=True)
    for name, value in (("x0", x0), ("radius", radius or 0.0)):
        if abs(value) > 1e6:
            raise ValueError(f"{name} must be a number from -1e6 to 1e6 (the plot's scale), "
                             f"got {value:g}")
    label = check_text(label, "label")
    coefficients = taylor_coefficients(expression, x0, max(orders))
    xs = np.linspace(*x_range, 400)
    fx = evaluate_quietly(to_numpy_function(expression), xs)
    fig = agg_figure(figsize=style.figure_size(1.0, 1.75), layout="constrained")
    mosaic = [[str(i) for i in range(len(orders))], ["error"] * len(orders)]
    panels = fig.subplot_mosaic(mosaic, height_ratios=[1.0, 0.9], sharex=True)
    error_ax = panels["error"]
    floor = rounding_floor(fx)
    for index, order in enumerate(orders):
        ax = panels[str(index)]
        view = TaylorView.draw(xs, fx, ax=ax, label=label or f"f(x) = {expression_text(expression)}")
        view.update(coefficients[: order + 1], x0)
        ax.get_legend().remove()
        ax.set_title(f"order n = {order}")
        ax.tick_params(labelbottom=True)   # sharex would hide them: each panel has its own
        if index:
            ax.tick_params(labelleft=False)
        with np.errstate(all="ignore"):
            error = np.abs(fx - evaluate_taylor(coefficients[: order + 1], x0, xs))
        curve(error_ax, xs, _floor_errors(error, floor), label=f"n = {order}",
              role="function", **series_kwargs(index))
    error_ax.set_yscale("log")
    _draw_floor(error_ax, floor)
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
