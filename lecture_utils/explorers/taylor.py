"""The Taylor explorer of notebook 02: order and expansion point of T_n against f."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
import sympy

from .._text import subscript
from .._validation import check_integer, check_real_number
from ..figures.base import evaluate_quietly, new_figure
from ..figures.taylor import TaylorView
from ..maths.catalogue import TAYLOR_FUNCTIONS
from .base import (
    Explorer, FunctionPicker, figure_px, freeze_layout, legend_above, shown_expression, wrap_px,
)
from .frames import ClientFrames, FramedExplorer, frames_wanted


class TaylorExplorer(FramedExplorer, Explorer):
    """An explorer of Taylor polynomials: order and expansion point as sliders.

    Order and expansion-point sliders: f, its Taylor polynomial T_n, and |f − T_n| (log axis).

    Parameters
    ----------
    f : str or sympy.Expr
        Initial function (drop-down: sin x + cos x, exp x, log(1 + x), 1/(1 + x²), ...; or typed).
    order : int
        Initial order n (0 to ``max_order``).
    x0 : float
        Initial expansion point.
    max_order : int
        Largest order on the slider (at most 40).
    client_frames : bool, optional
        Draw the figure of every order whenever x₀ or f changes and let the browser switch
        between them as the order slider moves (no kernel needed; default: on unless
        ``LU_CLIENT_FRAMES=0``).
        See :mod:`lecture_utils.explorers.frames`.

    Examples
    --------
    >>> e = taylor_explorer("1/(1 + x^2)", order=4)
    >>> e.x0.value = 1.0
    >>> "x₀ = 1.0" in e.status_text
    True
    """

    css_name = "taylor-explorer"

    def __init__(self, f: str | sympy.Expr = "sin(x) + cos(x)", order: int = 3, x0: float = 0.0,
                 max_order: int = 30, x_range: tuple[float, float] = (-4.0, 4.0),
                 client_frames: bool | None = None):
        self.max_order = check_integer(max_order, "max_order", minimum=1, maximum=40)
        order = check_integer(order, "order", minimum=0, maximum=self.max_order)
        x0 = check_real_number(x0, "x0")
        self.picker = FunctionPicker(TAYLOR_FUNCTIONS, f if isinstance(f, str) else str(f))
        self.order = self._slider(widgets.IntSlider, "order n", order, min=0, max=self.max_order)
        self.x0 = self._slider(widgets.FloatSlider, "x₀", x0, min=x_range[0] + 1,
                               max=x_range[1] - 1, step=0.1, readout_format=".1f")
        self.xs = np.linspace(*x_range, 400)
        figure, (ax, ax_error) = new_figure(1, 2, layout=None, **figure_px((800, 400), (830, 350)))
        self._load_function(self.picker.expression(), x0)
        self._figure = figure
        self.view = TaylorView.draw(self.xs, self._fx, ax=ax, ax_error=ax_error,
                                    label=self._label())
        legend_above(ax)  # T_n swings over the whole axes: the legend stays off it
        self._assemble("Taylor polynomials: raise the order, move the expansion point", figure,
                       [self.picker.widget, self.order, self.x0], self.view.moving_artists)
        self.picker.observe(self._guard(self._on_function))
        self._watch(self._on_order, self.order)
        self._watch(self._on_x0, self.x0)
        self._on_order()
        orders = range(self.max_order + 1)  # the order slider's positions: frames in the browser
        self.frames = ClientFrames(self, self.order, orders, orders, live=frames_wanted(client_frames),
                                   refresh_on=[self.x0, self.picker.dropdown, self.picker.text],
                                   title="Taylor polynomials: the order slider")

    def _load_function(self, expression: sympy.Expr, x0: float) -> None:
        """Compute what depends on the function: values on the grid and coefficients at x0."""
        from ..maths.parser import to_numpy_function
        from ..maths.taylor import taylor_coefficients

        coefficients = taylor_coefficients(expression, x0, self.max_order)  # may raise: keep old
        self._expression = expression
        self._coefficients = coefficients
        self._fx = evaluate_quietly(to_numpy_function(expression), self.xs)

    def _label(self) -> str:
        """The legend's name of f, ``f(x) = …``, in lines that fit above the left panel."""
        import matplotlib as mpl
        from matplotlib.font_manager import FontProperties

        figure = self.view.ax.figure if hasattr(self, "view") else self._figure
        px = FontProperties(size=mpl.rcParams["legend.fontsize"]).get_size_in_points() \
            * figure.dpi / 72
        width = 0.4 * figure.get_figwidth() * figure.dpi - 3 * px  # a panel, less the handle
        return wrap_px(f"f(x) = {shown_expression(self._expression)}", width, px)

    def _on_function(self, change: Any = None) -> None:
        self._load_function(self.picker.expression(), self.x0.value)
        self.view.set_function(self._fx, label=self._label())
        legend_above(self.view.ax)  # a longer f(x) may need another row:
        freeze_layout(self.figure)  # lay out again (the full redraw below shows it)
        self._on_order(full=True)  # new y limits and legend: draw everything

    def _on_x0(self, change: Any = None) -> None:
        from ..maths.taylor import taylor_coefficients

        self._coefficients = taylor_coefficients(self._expression, self.x0.value, self.max_order)
        self._on_order()

    def _on_order(self, change: Any = None, full: bool = False) -> None:
        n, x0 = self.order.value, self.x0.value
        error = self.view.update(self._coefficients[: n + 1], x0)
        sub = subscript(n)
        self.show_message(f"T{sub} of f(x) = {shown_expression(self._expression)} at x₀ = {x0:.1f}: "
                          f"max |f − T{sub}| on [{self.xs[0]:g}, {self.xs[-1]:g}] = {error:.2e}")
        self.redraw(full=full)


#: The name the notebooks use (one entry point: the class itself).
taylor_explorer = TaylorExplorer
