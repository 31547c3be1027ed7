"""Drawings for notebook 02 (Taylor series): the Taylor view (f, T_n and the error) and its small
multiples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .. import style
from .._validation import check_real_number
from ..style import styled
from .base import (
    ERROR_FLOOR,
    curve,
    evaluate_quietly,
    expression_text,
    marker,
    new_figure,
    series_kwargs,
    y_limits,
)


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
        from ..maths.taylor import evaluate_taylor

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
    from ..maths.parser import as_expression, to_numpy_function
    from ..maths.taylor import evaluate_taylor, taylor_coefficients

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
