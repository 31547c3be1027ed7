"""Drawings for notebook 01 (derivatives): the secant view and its small multiples, errors of
finite differences against the step, a derivative checked along a curve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .. import style
from .._validation import (check_array, check_callable, check_integer, check_real_number,
                           check_sequence, gives_numbers)
from ..style import styled
from .base import (
    place_legend,
    ERROR_FLOOR,
    check_axes,
    check_range,
    check_text,
    curve,
    evaluate_quietly,
    info_box,
    marker,
    new_figure,
    y_limits,
)


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


def _function_of_x(f: Any, name: str, x: float) -> Callable[[Any], Any]:
    """``f`` if it is a function of an array of x values giving numbers (tried at x and x + 1:
    a wrong function is a ``TypeError`` naming ``name``, not a traceback from inside it)."""
    check_callable(f, name)
    if not gives_numbers(f, np.array([x, x + 1.0]), ((), (2,))):
        raise TypeError(f"{name} must be a function of an array of x values giving numbers "
                        f"(e.g. np.sin, or to_numpy_function of an expression), got "
                        f"{type(f).__name__}")
    return f


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
    f, dfdx = _function_of_x(f, "f", x), _function_of_x(dfdx, "dfdx", x)
    steps = check_array(steps, "steps", ndim=1)
    if not 1 <= steps.size <= 8 or np.any(steps == 0):
        raise ValueError(f"steps must hold 1 to 8 non-zero steps δx, got {steps.tolist()[:10]}")
    x_range = check_range(x_range, "x_range")
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


@styled
def plot_step_errors(steps: Any, errors: Mapping[str, Any], ax: Axes | None = None,
                     reference_orders: Sequence[int] = (1, 2)) -> Axes:
    """Log-log plot of the error of finite-difference derivatives against the step h.

    ``errors`` maps a method name (``"forward"``, ``"central"``, ``"complex-step"``) to the
    absolute errors at ``steps``. Grey reference lines of slope 1 and 2 show the truncation
    orders O(h) and O(h²), each in its own dash pattern. Errors are drawn no lower than
    :data:`~lecture_utils.figures.base.ERROR_FLOOR` (10⁻¹⁷, a thin grey line), so exact zeros
    stay visible on the log axis.

    Examples
    --------
    >>> h = np.logspace(-8, -1, 8)
    >>> ax = plot_step_errors(h, {"forward": h, "central": h**2})
    >>> ax.get_xscale()
    'log'
    """
    steps = check_array(steps, "steps", ndim=1)
    if steps.size < 1 or np.any(steps <= 0):
        raise ValueError("steps must hold at least one positive step h (a log axis)")
    if not isinstance(errors, Mapping) or not 1 <= len(errors) <= 8:
        raise TypeError(f"errors must be a dict of 1 to 8 method names to errors (one per "
                        f"step), got {type(errors).__name__} {str(errors)[:40]}")
    checked = {check_text(name, "errors' keys", optional=False):
               check_array(values, f"errors[{name!r}] (one error per entry of steps)",
                           shape=steps.shape, finite=False)
               for name, values in errors.items()}
    reference_orders = [check_integer(order, "reference_orders", minimum=1, maximum=4) for order
                        in check_sequence(reference_orders, "reference_orders", maximum=3,
                                          what="orders")]
    if check_axes(ax) is None:
        _, (ax,) = new_figure(height_ratio=1.2, width_ratio=0.8)
    for name, values in checked.items():
        with np.errstate(invalid="ignore"):
            values = np.maximum(values, ERROR_FLOOR)
        curve(ax, steps, values, role=name if name in style.ROLES else "function",
              label=name)
    segment = np.array([steps[-1] * 1e-4, steps[-1]])
    # one line style per reference order, so that "slope 1" and "slope 2" can be told apart
    dashes = [(0, (1, 3)), (0, (6, 2, 1, 2, 1, 2)), (0, (8, 4))]
    for index, order in enumerate(reference_orders):
        ax.plot(segment, 10.0 * (segment / segment[-1]) ** order,
                **{**style.role_style("reference"), "linewidth": 1.5,
                   "linestyle": dashes[index % len(dashes)]},
                label=f"slope {order}: O(h{'²' if order == 2 else ''})")
    ax.axhline(ERROR_FLOOR, color=style.PALETTE["grey"], linewidth=0.8, alpha=0.6)
    ax.text(steps[-1], ERROR_FLOOR * 1.8, "exact zeros are drawn at 10⁻¹⁷", fontsize="x-small",
            color=style.PALETTE["grey"], va="bottom", ha="right")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("step h")
    ax.set_ylabel("|approximation − f'(x)|")
    ax.set_ylim(1e-18, 1e1)
    place_legend(ax, fontsize="small")  # in a corner it leaves empty, else outside
    return ax


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
    for name, text in (("exact_label", exact_label), ("approximation_label", approximation_label),
                       ("xlabel", xlabel), ("title", title)):
        check_text(text, name, optional=name == "title")
    if check_axes(ax) is None:
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
